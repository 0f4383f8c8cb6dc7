import { anchorsPerLocation } from './anchors';
import { traceShapes, type SsdArchitecture } from './architecture';

// Parameters and multiply-adds per frame, counted from the layer descriptions the network is
// built from (so the numbers shown are those of the network that runs). Batch norm is folded
// into conv weights, so a conv counts weights + one bias per output channel; activations,
// pooling and normalization count no multiply-adds, as in the MobileNet and SSD papers.

export interface LayerCost {
  name: string;
  params: number;
  multAdds: number;
}

export interface NetworkCost {
  params: number;
  multAdds: number;
  layers: LayerCost[];
}

export function countCost(arch: SsdArchitecture): NetworkCost {
  const shapes = traceShapes(arch);
  const perLocation = anchorsPerLocation(arch.anchors);
  const headKernel = arch.headKernel ?? 1;
  const layers: LayerCost[] = [];
  let channels = 3;
  arch.layers.forEach((layer, i) => {
    const { size } = shapes[i];
    const outPixels = size * size;
    if (layer.kind === 'conv') {
      const weights = layer.kernel * layer.kernel * channels * layer.filters;
      layers.push({ name: layer.name, params: weights + layer.filters, multAdds: weights * outPixels });
      channels = layer.filters;
    } else if (layer.kind === 'depthwise') {
      const weights = layer.kernel * layer.kernel * channels;
      layers.push({ name: layer.name, params: weights + channels, multAdds: weights * outPixels });
    } else if (layer.kind === 'l2norm') {
      layers.push({ name: layer.name, params: channels, multAdds: 0 });
    }
    const head = arch.taps.indexOf(layer.name);
    if (head >= 0) {
      const outputs = perLocation[head] * (4 + arch.numClasses);
      const weights = headKernel * headKernel * channels * outputs;
      layers.push({ name: `predictor_${head}`, params: weights + outputs, multAdds: weights * outPixels });
    }
  });
  return {
    params: layers.reduce((s, l) => s + l.params, 0),
    multAdds: layers.reduce((s, l) => s + l.multAdds, 0),
    layers,
  };
}
