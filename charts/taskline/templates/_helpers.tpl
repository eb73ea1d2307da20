{{- define "taskline.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{- define "taskline.labels" -}}
app.kubernetes.io/name: taskline
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end -}}

{{- define "taskline.selector" -}}
app.kubernetes.io/name: taskline
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "taskline.databaseSecret" -}}
{{ .Values.postgres.existingSecret | default "taskline-database" }}
{{- end -}}

{{- define "taskline.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "taskline.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: [ALL]
{{- end -}}

{{- define "taskline.databaseEnv" -}}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "taskline.databaseSecret" . }}
      key: {{ ternary .Values.postgres.existingSecretKey "url" (ne .Values.postgres.existingSecret "") }}
- name: TASKLINE_ENCRYPTION_KEYS
  valueFrom:
    secretKeyRef:
      name: {{ include "taskline.databaseSecret" . }}
      key: encryptionKeys
      optional: true
{{- end -}}
