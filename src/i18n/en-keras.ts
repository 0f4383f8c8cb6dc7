// The words of importing ssd_keras .h5 weights (part of en.ts; ja-keras.ts has the same shape).

export const enKeras = {
  /** what the file holds, read off its layers */
  layout: (variant: string, classes: number, boxes: string, maps: number, params: string) =>
    `ssd_keras VGG16-${variant.toUpperCase()}: ${classes} classes + background, ${boxes} boxes per cell on its ${maps} feature maps, ${params} weights.`,
  readIn: (seconds: string) => `Read in ${seconds} s.`,
  preset: 'Training settings (anchors, preprocessing)',
  presets: {
    'ssd300-voc': 'ssd_keras SSD300, Pascal VOC settings',
    'ssd300-coco': 'ssd_keras SSD300, MS COCO settings',
    'ssd512-voc': 'ssd_keras SSD512, Pascal VOC settings',
  } as Record<string, string>,
  params: 'Parameters (JSON; edit them to match how you trained the model)',
  paramsHelp:
    'scales (one per feature map and one more), aspectRatiosPerLayer, twoBoxesForAr1, steps and offsets (pixels), clipBoxes, variances, subtractMean (RGB), swapToBgr: the arguments you gave ssd_keras.',
  labelSets: { voc20: 'Pascal VOC, 20 classes', coco80: 'COCO, 80 classes', custom: 'My own list' } as Record<string, string>,
  customLabels: 'Class names, in the order of the class ids 1, 2, …, comma separated',
  badJson: (why: string) => `The parameters are not valid JSON: ${why}.`,
  badParams: (why: string) => `The parameters do not work: ${why}.`,
  boxesMismatch: (want: string, got: string) =>
    `These aspect ratios give ${got} boxes per cell, but the weights were trained with ${want}: check aspectRatiosPerLayer and twoBoxesForAr1.`,
  variantMismatch: (file: string, form: string) => `The weights are an ${file.toUpperCase()}, the parameters an ${form.toUpperCase()}: pick matching settings.`,
  labelCount: (want: number, got: number) => `The model has ${want} classes; ${got} names were given.`,
};
