/**
 * MobileNetV2 (width 1.0, 224×224; Sandler et al., "MobileNetV2: Inverted
 * Residuals and Linear Bottlenecks", CVPR 2018, Table 2): conv 3×3/2 → 32;
 * bottlenecks (t, c, n, s) = (1,16,1,1) (6,24,2,2) (6,32,3,2) (6,64,4,2)
 * (6,96,3,1) (6,160,3,2) (6,320,1,1), each an optional 1×1 expansion to t·cin,
 * a 3×3 depthwise conv (stride s on the first repeat) and a linear 1×1
 * projection, with a residual add when stride 1 and cin = c; conv 1×1 → 1280;
 * 7×7 average pool; the 1×1 classifier as fc 1000. ≈301 M MACs (incl. 0.06 M pooling ops), 3.49 M
 * parameters (Table 3 lists 300 M / 3.4 M). Work in FLOPs.
 */
import type { DnnModel } from '../../model/dnn.js';
import { ArchBuilder } from './arch-builder.js';

export function mobileNetV2(): DnnModel {
  const b = new ArchBuilder('MobileNetV2', 'Sandler et al., CVPR 2018, Table 2 (width 1.0, 224×224)', [224, 224, 3]);
  let x = b.conv('conv1', b.input(), 32, 3, 2, 1);
  const settings: [number, number, number, number][] = [
    [1, 16, 1, 1], [6, 24, 2, 2], [6, 32, 3, 2], [6, 64, 4, 2], [6, 96, 3, 1], [6, 160, 3, 2], [6, 320, 1, 1],
  ];
  let block = 0;
  for (const [t, c, n, s] of settings) {
    for (let i = 0; i < n; i++) {
      block++;
      const stride = i === 0 ? s : 1;
      const input = x;
      let y = input;
      if (t !== 1) y = b.conv(`block${block}_expand`, y, input.c * t, 1, 1, 0);
      y = b.depthwise(`block${block}_dw`, y, 3, stride, 1);
      y = b.conv(`block${block}_project`, y, c, 1, 1, 0);
      x = stride === 1 && input.c === c ? b.add(y, input) : y;
    }
  }
  x = b.conv('conv_last', x, 1280, 1, 1, 0);
  x = b.pool('avgpool', x, 'avgpool', 7, 1);
  b.fc('classifier', x, 1000);
  return b.build();
}
