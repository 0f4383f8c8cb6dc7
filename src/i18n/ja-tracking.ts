// 追跡とカウントの日本語（ja.ts の一部）。

export const jaTracking: typeof import('./en-tracking').enTracking = {
  title: 'カウント',
  reset: 'リセット',
  cls: 'クラス',
  now: '現在',
  seen: '累計',
  in: '入',
  out: '出',
  none: 'まだ追跡中の物体はありません。',
  drawLine: '線を引く',
  chart: '1 分ごとの通過数',
  minute: '時刻（分）',
  crossings: '通過数',
  middleLine: '中央に縦線',
  clearLine: '線を消す',
  drawHint: '画面をなぞってカウント用の線を引いてください。Esc で取り消し。',
};
