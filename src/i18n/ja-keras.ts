// ssd_keras の .h5 重みを読み込むときの言葉（ja.ts の一部。en-keras.ts と同じ形）。

export const jaKeras: typeof import('./en-keras').enKeras = {
  layout: (variant: string, classes: number, boxes: string, maps: number, params: string) =>
    `ssd_keras VGG16-${variant.toUpperCase()}：${classes} クラス＋背景、${maps} 枚の特徴マップでセルごとのボックス ${boxes}、重み ${params} 個。`,
  readIn: (seconds: string) => `${seconds} 秒で読み込みました。`,
  preset: '学習時の設定（アンカー・前処理）',
  presets: {
    'ssd300-voc': 'ssd_keras SSD300、Pascal VOC の設定',
    'ssd300-coco': 'ssd_keras SSD300、MS COCO の設定',
    'ssd512-voc': 'ssd_keras SSD512、Pascal VOC の設定',
  },
  params: 'パラメーター（JSON。学習したときの値に合わせて編集してください）',
  paramsHelp:
    'scales（特徴マップごとに 1 つとさらに 1 つ）、aspectRatiosPerLayer、twoBoxesForAr1、steps と offsets（ピクセル）、clipBoxes、variances、subtractMean（RGB）、swapToBgr：ssd_keras に渡した引数です。',
  labelSets: { voc20: 'Pascal VOC、20 クラス', coco80: 'COCO、80 クラス', custom: '自分で指定' },
  customLabels: 'クラス名（クラス ID 1, 2, … の順に、カンマ区切り）',
  badJson: (why: string) => `パラメーターの JSON が正しくありません：${why}`,
  badParams: (why: string) => `パラメーターが使えません：${why}`,
  boxesMismatch: (want: string, got: string) =>
    `このアスペクト比ではセルごとのボックスが ${got} になりますが、重みは ${want} で学習されています。aspectRatiosPerLayer と twoBoxesForAr1 を確認してください。`,
  variantMismatch: (file: string, form: string) => `重みは ${file.toUpperCase()}、パラメーターは ${form.toUpperCase()} です。合う設定を選んでください。`,
  labelCount: (want: number, got: number) => `モデルのクラスは ${want} 個ですが、名前は ${got} 個です。`,
};
