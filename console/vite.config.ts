import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// `vite` (dev) proxies the API to `taskline api` on 8081; `vite build` writes dist/, which the api role serves.
export default defineConfig({
  plugins: [svelte()],
  server: { proxy: { '/api': 'http://127.0.0.1:8081' } },
  // The manifest lets bench/console.bench.ts weigh exactly what each first page loads.
  build: { target: 'es2022', reportCompressedSize: true, manifest: true },
});
