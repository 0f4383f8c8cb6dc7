// The app's version, fixed at build time (vite.config.ts `define`: SSD_CAM_VERSION, else
// package.json's version). Shown in the storage panel and on <html data-app-version>.
declare const __APP_VERSION__: string;

export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev';
