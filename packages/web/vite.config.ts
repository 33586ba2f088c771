import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API server serves the built app from packages/web/dist; in development Vite proxies /api to it
// (ZUZHANG_API_URL points the proxy at a server on another port).
const apiTarget = process.env.ZUZHANG_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // Vendor libraries change less often than the app: separate chunks keep them cached across releases.
        // ECharts stays out of these groups so it is only loaded with the lazy chart view.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/,
              priority: 30,
            },
            { name: 'icons', test: /node_modules[\\/]@ant-design[\\/]icons/, priority: 25 },
            {
              name: 'antd',
              test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[a-z-]+|dayjs|@emotion|stylis|throttle-debounce|compute-scroll-into-view|scroll-into-view-if-needed|classnames|clsx)[\\/]/,
              priority: 20,
            },
          ],
        },
      },
    },
  },
});
