// The 20 Pascal VOC classes in the order VOC-trained detectors (ssd_keras, Caffe SSD) number
// them, class 1 first (0 is the background).
export const VOC_20: readonly string[] = [
  'aeroplane', 'bicycle', 'bird', 'boat', 'bottle', 'bus', 'car', 'cat', 'chair', 'cow',
  'diningtable', 'dog', 'horse', 'motorbike', 'person', 'pottedplant', 'sheep', 'sofa', 'train', 'tvmonitor',
];
