// 日本語カタログ。en.ts と同じ形（型が合わなければコンパイルが通らず、空の値は
// tests/unit/i18n.test.ts が見つける）。モデル名・バックエンド名・単位（fps、ms）は英語のまま。

import type { CameraErrorKind } from '../camera/open-camera';
import type { BackendRequest, ErrorKind } from '../shared/protocol';
import type { ImportErrorKind } from '../storage/user-models/validate';
import type { LayoutEvidence } from '../storage/user-models/layout';
import type { Messages } from './messages';
import { formatBytes, formatNumber } from './format';
import { jaBench } from './ja-bench';
import { jaAccuracy } from './ja-accuracy';
import { jaClassNames } from './ja-class-names';
import { jaCompat } from './ja-compat';
import { jaKeras } from './ja-keras';
import { jaTracking } from './ja-tracking';

export const ja: Messages = {
  appTitle: 'SSD Cam',
  intro: 'この端末の中でリアルタイムに物体を検出します。映像が外部に送られることはありません。',
  start: '開始',
  stop: '停止',
  retry: '再試行',
  dismiss: '閉じる',
  switchCamera: 'カメラを切り替え',
  switchCameraToFront: 'フロントカメラに切り替え',
  switchCameraToBack: '背面カメラに切り替え',
  openingCamera: 'カメラを起動しています…',
  startingEngine: '検出器を準備しています…',
  modelLabel: 'モデル',
  backendLabel: 'バックエンド',
  speedOnly: '速度計測のみ',
  modelGroups: { trained: '学習済みモデル', 'speed-only': '速度計測用（合成重み・検出なし）', user: '読み込んだモデル' },
  modelInfoButton: 'このモデルについて',
  importButton: 'モデルを読み込む',
  benchButton: 'ベンチ',
  accuracyButton: '精度',
  abButton: 'A/B',
  ab: {
    title: 'A/B：同じカメラ映像を 2 つのモデルで、それぞれ別のワーカーで検出',
    close: 'A/B を閉じる',
    starting: '準備中…',
    failed: (model: string, why: string) => `${model} を開始できませんでした：${why}`,
    switchFailed: (model: string, why: string, running: string) => `${model} を開始できませんでした：${why}。引き続き ${running} で検出しています。`,
  },
  tracking: jaTracking,
  keras: jaKeras,
  compat: jaCompat,
  bench: jaBench,
  importer: {
    /** the disclosure holding an error's technical detail */
    details: '詳細',
    title: '自分のモデルを読み込む',
    help: 'TensorFlow.js のモデル（model.json とすべての .bin 重みファイル。グラフモデル、または ssd_keras の SSD のレイヤーモデル）か、ssd_keras の SSD300／SSD512 の .h5 重みを選んでください（ここにドロップしても読み込めます）。ファイルが端末の外に出ることはありません。',
    pick: 'ファイルを選択',
    checking: 'ファイルを確認しています…',
    name: '名前',
    format: '出力の形式',
    formats: {
      'ssd-raw': 'SSD の生出力（TF OD API：クラススコア＋デコード済みボックス）',
      postprocessed: '後処理済み（ボックス・スコア・クラス）',
      centernet: 'CenterNet 形式の行（x1, y1, x2, y2, スコア, クラス）',
      yolov8: 'YOLOv8 / YOLO11（Ultralytics）：[1, 4 + クラス数, 候補数]、ボックスはピクセル',
      yolov5: 'YOLOv5：[1, 候補数, 5 + クラス数]、ボックスは 0…1、物体らしさ付き',
    },
    layout: (e: LayoutEvidence) => {
      const shape = (s: number[]) => `[${s.join(', ')}]`;
      switch (e.kind) {
        case 'yolov8':
          return `出力 ${shape(e.shape)} が 1 つ：YOLOv8 形式、${e.classes} クラス、候補 ${e.candidates} 個。`;
        case 'yolov5':
          return `出力 ${shape(e.shape)} が 1 つ：YOLOv5 形式、${e.classes} クラス、物体らしさ付きの候補 ${e.candidates} 個。`;
        case 'centernet':
          return `出力 ${shape(e.shape)} が 1 つ：CenterNet 形式の行、ピーク ${e.rows} 個。`;
        case 'postprocessed':
          return `出力 ${e.names.join(', ')}：後処理済み（TF Object Detection API）。`;
        case 'ssd-raw':
          return `スコア ${shape(e.scoresShape)} とボックス ${shape(e.boxesShape)}：NMS 前の SSD、スコア列 ${e.classes}、ボックス ${e.candidates} 個。`;
        default:
          return e.outputs?.length
            ? `出力（${e.outputs.map((o) => `${o.name} ${o.shape ? shape(o.shape) : '[形の記載なし]'}`).join('、')}）は既知の形式に当てはまりません。形式を選んでください。`
            : 'ファイルに出力とその形の記載がありません。形式を選び、出力名を入力してください。';
      }
    },
    resize: 'フレームを入力に合わせる方法',
    resizes: { stretch: '入力サイズに引き伸ばす', 'pad-square': 'レターボックス：正方形に余白を足し、縦横比を保つ' },
    outputs: '出力名（上の順に、カンマ区切り）',
    inputSize: '入力サイズ（px）',
    pixelRange: 'モデルが想定する画素値の範囲',
    ranges: { '0-255': '0 … 255', '0-1': '0 … 1', '-1-1': '-1 … 1' },
    dtype: '入力の型',
    labels: 'ラベル',
    labelSets: { coco80: 'COCO 80 クラス（インデックス 0 = person）', coco90: 'COCO の ID 1…90', custom: '自分で指定' },
    customLabels: 'ラベル（クラス ID 順にカンマ区切り。使わない ID は空欄に）',
    background: 'スコアの 0 列目は背景クラス',
    save: 'モデルを保存',
    cancel: 'キャンセル',
    close: '閉じる',
    yours: '読み込んだモデル',
    none: '読み込んだモデルはまだありません。',
    remove: (name: string) => `${name} を削除`,
    found: (shape: string, mb: string) => `入力 ${shape}、${mb} MB を確認しました。`,
    readFailed: (why: string) => `ファイルを読み込めませんでした：${why}`,
    storageFailed: (why: string) => `このブラウザのストレージにモデルを保存できませんでした：${why}。空き容量を増やすか、ストレージの使用を許可してから、もう一度お試しください。`,
    errors: {
      'no-model-json': 'model.json を 1 つだけ、.bin 重みファイルと一緒に選んでください。',
      'bad-json': 'model.json の JSON が正しくありません。',
      'not-graph-model': 'TensorFlow.js のグラフモデルではありません。',
      'too-large': 'モデルが大きすぎて、このブラウザには保存できません。',
      'missing-shard': '重みファイルが足りません。',
      'shard-size': '重みファイルが途中で切れているか、別のモデルのものです。',
      'bad-input': 'このモデルの入力は 1 枚の画像ではありません。',
      'not-hdf5': 'HDF5（.h5）ファイルではありません。',
      'no-keras-weights': 'この HDF5 ファイルには読み込める Keras の重みがありません。',
      'keras-layout': '重みが ssd_keras の SSD300／SSD512 の構成に合いません。',
      'unknown-layer': 'このレイヤーモデルには、SSD Cam が組み立てられない種類のレイヤーがあります。',
    } as Record<ImportErrorKind, string>,
  },
  modelInfo: {
    close: '閉じる',
    speedOnlyNote: '速度計測のみ：このネットワークには学習済みの重みがないため、合成した重みで速度だけを計測します。ボックスは表示されません。',
    needsNetworkNote: '初めて選んだときに公式の配布元からダウンロードします。その後はオフラインでも使えます。',
    backbone: 'バックボーン',
    input: '入力',
    classes: 'クラス数',
    none: 'なし（速度計測のみ）',
    params: 'パラメータ数',
    multAdds: '積和演算',
    perFrame: (v: string) => `1 フレームあたり ${v}`,
    unknown: 'このグラフでは未計測',
    download: 'ダウンロード',
    sizeOnDownload: '初回ダウンロード後に表示',
    builtIn: 'なし（コードで構築）',
    network: 'ネットワーク',
    networkOnce: '初回のみ必要',
    bundled: '不要（同梱）',
    origin: '出典',
    license: 'ライセンス',
  },
  backendNames: {
    auto: '自動',
    webgpu: 'WebGPU',
    webgl: 'WebGL',
    wasm: 'WASM',
    cpu: 'CPU',
  } as Record<BackendRequest, string>,
  backendMissing: 'このブラウザでは使えません',

  camera: {
    'camera-denied':
      'カメラへのアクセスが拒否されました。ブラウザのサイト設定でこのサイトにカメラを許可してから、「再試行」をタップしてください。',
    'camera-blocked':
      'ブラウザまたはサイトのポリシーにより、ここではカメラが使えません（あなたの設定によるものではありません）。SSD Cam を（ほかのページに埋め込まずに）単独のタブで開くか、この端末の管理者にカメラの許可を依頼してください。',
    'camera-not-found':
      'カメラが見つかりません。カメラを接続するか、端末にカメラがあるか確認してから、「再試行」をタップしてください。',
    'camera-overconstrained':
      'この端末のどのカメラも、ブラウザが受け付ける映像を（どの解像度でも）出せませんでした。もう一方のカメラを試すか別のカメラを接続してから、「再試行」をタップしてください。',
    'camera-busy':
      'カメラがほかのアプリで使われているか、起動できませんでした。カメラを使っているほかのアプリやタブを閉じてから、「再試行」をタップしてください。',
    'camera-aborted':
      'カメラの起動が中断されました（ブラウザまたはデバイスが処理を打ち切りました）。「再試行」をタップしてください。繰り返す場合は、カメラを接続し直すかブラウザを再起動してください。',
    'camera-timeout':
      'カメラが起動しません。ブラウザの許可の確認が応答を待っているようです。アドレスバー付近の確認を探してカメラを許可してから、「再試行」をタップしてください。',
    'camera-ended':
      'カメラが停止しました（取り外されたか、ほかのアプリに切り替わりました）。「再試行」をタップすると再び開きます。',
    'camera-unsupported':
      'このブラウザではここでカメラを使えません。最新のブラウザで、HTTPS（または localhost）からアプリを開いてください。',
  } as Record<CameraErrorKind, string>,
  playBlocked: 'ブラウザが映像を自動で再生しませんでした。',
  startVideo: '映像を再生',

  engineFailed: (message: string) => `検出器が停止しました：${message}`,
  switchingEngine: '新しい選択を読み込み中です。その間も検出は続きます…',
  switchFailed: (model: string, backend: string, reason: string, runningModel: string, runningBackend: string) =>
    `${backend} の ${model} を開始できませんでした：${reason} 引き続き ${runningBackend} の ${runningModel} で検出しています。`,
  workerCrashed: '検出器がクラッシュしました。「再試行」をタップすると再起動します。',
  fallback: (requested: string, reason: string, actual: string) =>
    `${requested} はこの環境では使えないため（${reason}）、${actual} で実行しています。`,
  fallbackNoRequest: (reason: string, actual: string) => `${actual} で実行しています（${reason}）。`,
  engineRecovered: (reason: string, backend: string) => `不具合（${reason}）のため検出器を再起動しました。${backend} で検出を再開しています。`,
  paramProblem: (param: string, value: string, used: string) =>
    `${param} の値「${value}」は不明なため、${used} を使います。`,

  pwa: {
    offline: 'オフライン',
    offlineDetail: 'ネットワークに接続されていません。アプリと同梱のモデルはそのまま使えます。ダウンロードはオンラインに戻ってから行われます。',
    updateReady: 'SSD Cam の新しいバージョンを利用できます。',
    update: '更新',
    updatedElsewhere: 'ほかのタブで SSD Cam が更新されました。新しいバージョンを使うには再読み込みしてください。',
    reload: '再読み込み',
    later: 'あとで',
    reloadForThreads:
      'SSD Cam をオフライン用に保存しました。一度再読み込みすると、WASM がマルチスレッドで動きます（このサーバーは分離用のヘッダーを送らないため、保存したコピーが付け加えます）。',
    storageButton: 'オフラインとストレージ',
    storageTitle: 'オフラインとストレージ',
    close: '閉じる',
    appCached: (size: string) => `アプリと同梱のモデルを保存済みです（${size}）。オフラインでも使えます。`,
    appNotCached: 'アプリはまだオフライン用に保存されていません（インストール中か、このブラウザでは保存できません）。',
    downloadedTitle: 'ダウンロードしたモデル',
    nothingDownloaded: 'ダウンロードしたモデルはありません。',
    files: (n: number) => `${formatNumber(n, 0)} ファイル`,
    remove: '削除',
    removeLabel: (name: string) => `${name} を削除`,
    availableTitle: 'オフライン用にダウンロード',
    download: 'ダウンロード',
    downloadNeedsNetwork: 'ダウンロードにはネットワーク接続が必要ですが、この端末はオフラインです。',
    allDownloaded: 'ダウンロードできるモデルはすべて保存済みです。',
    starting: '準備中…',
    sizeToDownload: (size: string) => `ダウンロード ${size}`,
    sizeUnknown: 'サイズ未確認',
    checkSizes: 'ダウンロードサイズを確認',
    checkSizesHelp: 'モデルの配布元（storage.googleapis.com）に各モデルのサイズを問い合わせます。何もダウンロード・保存しません。',
    ofSize: (size: string) => `（全 ${size}）`,
    progress: (done: number, total: number, size: string) => `${total} ファイル中 ${done}、${size}`,
    deviceTitle: 'この端末',
    usage: (used: string, quota: string) => `このサイトは、ブラウザが許可している ${quota} のうち ${used} を使用しています。`,
    noEstimate: 'このブラウザはストレージの使用量を報告しません。',
    persisted: (on: boolean) =>
      on
        ? 'ストレージは永続化されています。空き容量が少なくなってもブラウザは削除しません。'
        : 'ストレージは永続化されていません。空き容量が少なくなるとブラウザが削除することがあります。',
    version: (v: string) => `SSD Cam ${v}`,
    bytes: (n: number) => formatBytes(n),
    downloadingModel: (name: string, progress: string) => `${name} をオフライン用にダウンロードしています… ${progress}`,
    modelNeedsNetwork: (name: string) =>
      `${name} は初回使用時にダウンロードしますが、この端末はオフラインです。現在のモデルで検出を続けます。オンラインに戻ったらもう一度選んでください。`,
    modelNeedsNetworkToStart: (name: string) =>
      `${name} は初回使用時にダウンロードしますが、この端末はオフラインです。ネットワークに接続するか、同梱のモデルを選んでください。`,
    modelDownloadFailed: (name: string, reason: string) =>
      `${name} をダウンロードできませんでした：${reason} 現在のモデルで検出を続けます。`,
    downloadFailed: (name: string, reason: string) => `${name} をダウンロードできませんでした：${reason}`,
    modelStored: (name: string) => `${name} をこの端末に保存しました。オフラインでも使えます。`,
  },

  modelNames: {
    'centernet-mobilenet-v3-coco': 'CenterNet MobileNetV3 · COCO 物体',
    'coco-ssd-mobilenet-v1': 'SSD MobileNetV1 · COCO 物体（要ダウンロード）',
    'coco-ssd-mobilenet-v2': 'SSD MobileNetV2 · COCO 物体（要ダウンロード）',
    'coco-ssdlite-mobilenet-v2': 'SSDLite MobileNetV2 · COCO 物体（要ダウンロード）',
    'mobilenet-v1-025-ssd300': 'MobileNetV1 0.25-SSD300（速度のみ）',
    'mobilenet-v1-05-ssd300': 'MobileNetV1 0.5-SSD300（速度のみ）',
    'mobilenet-v1-075-ssd300': 'MobileNetV1 0.75-SSD300（速度のみ）',
    'mobilenet-v1-10-ssd300': 'MobileNetV1 1.0-SSD300（速度のみ）',
    'ssd-mobilenet-v1-face': 'SSD MobileNetV1 · 顔',
    'ssd-mobilenet-v2-fpnlite-hands': 'SSD MobileNetV2 FPNLite · 手',
    'vgg11-ssd300': 'VGG11-SSD300（速度のみ）',
    'vgg13-ssd300': 'VGG13-SSD300（速度のみ）',
    'vgg16-ssd300': 'VGG16-SSD300（速度のみ）',
    'vgg19-ssd300': 'VGG19-SSD300（速度のみ）',
  } as Record<string, string>,
  modelShortNames: {
    'centernet-mobilenet-v3-coco': '物体 · CenterNet MobileNetV3',
    'coco-ssd-mobilenet-v1': '物体 · SSD MobileNetV1',
    'coco-ssd-mobilenet-v2': '物体 · SSD MobileNetV2',
    'coco-ssdlite-mobilenet-v2': '物体 · SSDLite MobileNetV2',
    'mobilenet-v1-025-ssd300': '速度のみ · MobileNetV1 0.25 SSD300',
    'mobilenet-v1-05-ssd300': '速度のみ · MobileNetV1 0.5 SSD300',
    'mobilenet-v1-075-ssd300': '速度のみ · MobileNetV1 0.75 SSD300',
    'mobilenet-v1-10-ssd300': '速度のみ · MobileNetV1 1.0 SSD300',
    'ssd-mobilenet-v1-face': '顔 · SSD MobileNetV1',
    'ssd-mobilenet-v2-fpnlite-hands': '手 · SSD MobileNetV2 FPNLite',
    'vgg11-ssd300': '速度のみ · VGG11 SSD300',
    'vgg13-ssd300': '速度のみ · VGG13 SSD300',
    'vgg16-ssd300': '速度のみ · VGG16 SSD300',
    'vgg19-ssd300': '速度のみ · VGG19 SSD300',
  } as Record<string, string>,
  hud: {
    title: '統計',
    detFps: '検出',
    camFps: 'カメラ',
    inference: '推論（定常）',
    stages: '段階',
    preprocess: '前処理',
    postprocess: '後処理',
    total: '合計',
    roundTrip: '往復',
    backend: 'バックエンド',
    fallbackFrom: (from: string, reason: string) => `${from} から切り替え：${reason}`,
    wasm: 'wasm',
    threads: (n: number) => `${formatNumber(n, 0)} スレッド`,
    simd: (on: boolean) => (on ? 'SIMD あり' : 'SIMD なし'),
    chosenBy: { measured: 'この端末で計測', remembered: '計測済み', default: '既定' } as Record<string, string>,
    model: 'モデル',
    coldStart: 'コールドスタート',
    chart: '直近 1 分間の検出 fps と推論時間',
    chartLegend: (fps: string, ms: string) => `— fps（上端 ${fps}）· - - 推論 ms（上端 ${ms}）· 直近 60 秒`,
    coldStartValue: (loadMs: string, firstRunMs: string) => `読み込み ${loadMs} ms · 初回実行 ${firstRunMs} ms`,
    tensors: 'テンソル',
    frame: 'フレーム',
    collapse: '詳細を隠す',
    expand: '詳細を表示',
  },

  lang: 'ja',
  controlsLabel: 'カメラの操作',
  moreLabel: 'そのほかのツール',
  settingsButton: '設定',
  settings: {
    title: '設定',
    close: '閉じる',
    detection: '検出',
    scoreThreshold: '最小スコア',
    scoreHelp: 'この信頼度より低いボックスは検出器が除外します。モデルごとに保存されます。',
    scoreMeasured: (set: string, images: number, backend: string, date: string, recall: string, precision: string) =>
      `このモデルの実測値：${set}（${images} 枚、${backend}、${date}）で F1 が最大になる値です。そこでは物体の ${recall}% を見つけ、ボックスの ${precision}% が正解です。`,
    scoreYoursMeasured: (value: string, set: string) => `このモデルにあなたが設定した値です（実測の最適値：${set} で ${value}）。`,
    scoreYours: 'このモデルにあなたが設定した値です。',
    scoreNotMeasured: (value: string) => `このモデルはまだ測定されていません：共通の既定値 ${value} です。「精度」で測定できます。`,
    scoreUseMeasured: (value: string) => `実測値 ${value} に戻す`,
    iouThreshold: '重なり（IoU）のしきい値',
    iouHelp: 'よりスコアの高いボックスとこれ以上重なるボックスはまとめて 1 つにします。',
    maxBoxes: 'ボックスの最大数',
    classes: '表示するクラス',
    classesHelp: '描画と読み上げの対象だけが変わります。検出器は見つけたものをすべて報告し続けます。',
    noClasses: 'このモデルには選べるクラスがありません。',
    showAll: 'すべて表示',
    showNone: 'すべて非表示',
    classSearch: 'クラスを検索',
    camera: 'カメラ',
    resolution: 'カメラの解像度',
    resolutions: { sd: '640 × 480（最速）', hd: '1280 × 720', fhd: '1920 × 1080' },
    mirrorFront: 'フロントカメラを左右反転',
    tracking: '物体を追跡（番号付き、ボックスが安定）',
    trackingFromUrl: 'このリンク（track=1）により、今回はオンです。',
    trackMinHits: 'この回数検出されたら表示',
    trackMaxMisses: '見失った物体をこのフレーム数保持',
    trackLowScore: '既知の物体を保つ弱い検出のスコア下限',
    trackingHelp: '見えている間、物体ごとに番号を保ちます。検出の合間もボックスは滑らかに動き、一瞬見失った物体は予想位置に破線で表示します。',
    display: '表示',
    language: '言語',
    languages: { auto: 'ブラウザの言語', en: 'English（英語）', ja: '日本語' },
    hudOpen: '統計をすべて表示',
    reset: '初期設定に戻す',
    notSaved: 'このブラウザは設定を保存しませんでした。このページを閉じるまでは有効です。',
  },
  snapshot: {
    button: '撮影',
    label: 'ボックス付きの画像を保存',
    caption: (model: string, backend: string, fps: string, date: string) => `${model} · ${backend} · ${fps} fps · ${date}`,
    shareTitle: 'SSD Cam のスナップショット',
    fileName: 'ssd-cam',
    saved: 'スナップショットを保存しました。',
    failed: (why: string) => `スナップショットを作成できませんでした：${why}`,
    notReady: '先にカメラを開始してください。保存できる映像がまだありません。',
  },
  summary: {
    label: '検出結果',
    none: '何も検出されていません。',
    count: (n: number, label: string) => `${label} ${formatNumber(n, 0)}`,
    join: (parts: string[]) => parts.join('、'),
  },
  classNames: jaClassNames,
  progress: {
    loading: 'モデルを読み込んでいます…',
    backend: (backend: string) => `${backend} を起動しています…`,
    download: (loaded: string, total: string | null) => (total ? `モデルをダウンロード中：${loaded} / ${total}` : `モデルをダウンロード中：${loaded}`),
    build: 'ネットワークを準備しています…',
    warmup: '初回実行：この端末向けにコンパイルしています…',
    calibrate: (i: number, n: number) => `この端末向けに調整しています…（${n} 回中 ${i} 回目）`,
    restart: (_threads: number) => 'この端末向けに調整しています…',
  },
  progressDetail: {
    calibrate: (i: number, n: number) => `WASM スレッド数を計測中（${n} 回中 ${i} 回目）`,
    restart: (threads: number) => `WASM を ${formatNumber(threads, 0)} スレッドで再起動中`,
  },
  engineErrors: {
    'model-missing': 'モデルのファイルが見つからないか、ダウンロードできませんでした。',
    'model-corrupt': 'モデルのファイルが壊れているか、このアプリで読めない形式です。',
    'backend-unavailable': 'このブラウザではこのバックエンドを起動できません。別のバックエンドを選んでください。',
    'inference-failed': 'モデルの実行に失敗しました。',
    'device-lost': 'GPU が応答しなくなりました。',
    'bad-request': '検出器が処理できない要求を受け取りました。',
    'model-timeout': 'モデルの読み込みに時間がかかりすぎたため、中止しました。もう一度試すか、より小さいモデルか別のバックエンドを選んでください。',
  } as Record<ErrorKind, string>,
  withDetail: (text: string, detail: string) => (detail ? `${text}（${detail}）` : text),
  units: {
    fps: 'fps',
    ms: 'ms',
    px: 'px',
  },
  pickerFacts: {
    macs: (v: string) => `積和 ${v}`,
    params: (v: string) => `パラメータ ${v}`,
    download: '要ダウンロード',
  },
  chartAxes: { multAdds: '1 フレームあたりの積和演算数', fps: 'fps' },
  fileButton: {
    files: (count: number) => `${count} 個のファイル`,
    folder: (name: string, count: number) => `${name}（${count} 個のファイル）`,
  },
  benchFailure: (model: string, backend: string, message: string) => `${model}（${backend}）：${message}`,
  shareBenchTitle: 'SSD Cam のベンチ結果',
  accuracy: jaAccuracy,
};
