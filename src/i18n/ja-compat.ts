// 読み込んだモデルの互換性チェックの言葉（ja.ts の一部。en-compat.ts と同じ形）。

export const jaCompat: typeof import('./en-compat').enCompat = {
  check: 'この端末のバックエンドで確認',
  checking: (backend: string, done: number, total: number) => `${backend} で確認しています…（${total} 個中 ${done + 1} 個目）`,
  title: 'この端末での結果',
  columns: { backend: 'バックエンド', result: '結果', cold: 'コールドスタート', warm: 'ウォーム実行', boxes: 'ボックス', vsCpu: 'CPU との比較' },
  ran: '動作',
  fellBack: (to: string) => `${to} に切り替え`,
  failed: '失敗',
  reference: '基準',
  agrees: '一致',
  differs: (unmatched: number, scoreDiff: string, iou: string) => `不一致：対応しないボックス ${unmatched} 個、スコアの差は最大 ${scoreDiff}、IoU は最小 ${iou}`,
  note: (frame: string, threshold: string) =>
    `${frame} で、スコア ${threshold} 以上のボックスを比較。時間はライブ表示を動かしたまま計測しています。フォームを変えずに保存すると、モデルと一緒に保存されます。`,
  checkFailed: (why: string) => `確認を実行できませんでした：${why}`,
};
