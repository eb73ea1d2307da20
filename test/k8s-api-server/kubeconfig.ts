/** A kubeconfig pointing at the test server, for KubeConfig.loadFromString or a KUBECONFIG file. */
export function kubeconfigFor(url: string, token: string, namespace = 'default'): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '  - name: test',
    '    cluster:',
    `      server: ${url}`,
    '      insecure-skip-tls-verify: true',
    'users:',
    '  - name: test',
    '    user:',
    `      token: ${token}`,
    'contexts:',
    '  - name: test',
    '    context:',
    '      cluster: test',
    '      user: test',
    `      namespace: ${namespace}`,
    'current-context: test',
    '',
  ].join('\n');
}
