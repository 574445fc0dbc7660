/**
 * VGG-16 (configuration D of Simonyan & Zisserman, "Very Deep Convolutional
 * Networks for Large-Scale Image Recognition", ICLR 2015, Table 1): 13 conv
 * 3×3 (stride 1, pad 1), 5 max-pool 2×2 (stride 2), fc 4096–4096–1000;
 * 224×224×3 input. 15.47 GMACs, 138.36 M parameters. Work in FLOPs.
 */
import type { DnnModel } from '../../model/dnn.js';
import { ArchBuilder } from './arch-builder.js';

export function vgg16(): DnnModel {
  const b = new ArchBuilder('VGG-16', 'Simonyan & Zisserman, ICLR 2015, Table 1 (configuration D)', [224, 224, 3]);
  let x = b.input();
  const stages: [number, number][] = [[64, 2], [128, 2], [256, 3], [512, 3], [512, 3]];
  stages.forEach(([c, n], s) => {
    for (let i = 1; i <= n; i++) x = b.conv(`conv${s + 1}_${i}`, x, c, 3, 1, 1);
    x = b.pool(`maxpool${s + 1}`, x, 'maxpool', 2, 2);
  });
  x = b.fc('fc6', x, 4096);
  x = b.fc('fc7', x, 4096);
  b.fc('fc8', x, 1000);
  return b.build();
}
