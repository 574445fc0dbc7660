/**
 * Reader for `mdnn/mdnn_profiles.json`: the layer shapes, workload proxies
 * and byte sizes of AlexNet, GoogLeNet and ResNet-50 and the IoT/edge/cloud
 * device and network constants of Multiple-DNN-Scheduling
 * (yhjh5302/Multiple-DNN-Scheduling@de588b2 `config.py`; schema:
 * shared/specs/mdnn.md §3).
 *
 * Validation (zod at the boundary, then graph checks): every field of §3 is
 * present with the right type; `preds`/`succs` name layers of the same model;
 * every predecessor lists its consumer among its `succs`. `preds` define the
 * graph: the bundled file has one successor-only entry (ResNet-50
 * `layer1_downsample` → `layer1_bottleneck3_conv1`, which does not list it as
 * a predecessor), tolerated and ignored; `in_bytes` is a number for a source layer and an
 * array aligned with `preds` otherwise; `out_bytes` is aligned with `succs`
 * (or a number for the exit layer); layers are listed in a topological order;
 * Σ layer workload = `total_workload` (relative tolerance 1e-9).
 * Errors: `InputError` naming the file and the field.
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { lazySchema } from '../config/lazy-schema.js';
import { InputError } from '../errors.js';
import { parseWith } from '../config/validate.js';
import { dataFile } from './data-dir.js';

const profilesSchema = lazySchema((z) => {
  const layerSchema = z.object({
    name: z.string().min(1),
    type: z.enum(['cnn', 'maxpool', 'avgpool', 'fc']),
    inH: z.number().int().positive(),
    inW: z.number().int().positive(),
    inC: z.number().int().positive(),
    k: z.number().int().positive().nullable(),
    stride: z.number().int().positive().nullable(),
    pad: z.number().int().nonnegative().nullable(),
    outH: z.number().int().positive(),
    outW: z.number().int().positive(),
    outC: z.number().int().positive(),
    workload: z.number().nonnegative(),
    coef: z.number().positive(),
    weight_plus_input_bytes: z.number().nonnegative(),
    preds: z.array(z.string()),
    succs: z.array(z.string()),
    in_bytes: z.union([z.number().nonnegative(), z.array(z.number().nonnegative())]),
    out_bytes: z.union([z.number().nonnegative(), z.array(z.number().nonnegative())]),
  });

  const deviceSchema = z.object({
    freq: z.number().positive(),
    intensity_AlexNet_GoogLeNet_ResNet50: z.array(z.number().positive()).length(3),
    memory_bytes: z.number().positive(),
    max_energy: z.number().nonnegative(),
    min_power: z.number().nonnegative(),
    max_power: z.number().nonnegative(),
  });

  return z.object({
    source: z.string(),
    compute_time: z.string(),
    devices: z.record(z.string(), deviceSchema),
    models: z.record(
      z.string(),
      z.object({ deadline_s: z.number().positive(), total_workload: z.number().positive(), layers: z.array(layerSchema).min(1) }),
    ),
    network: z.object({
      dev_dev_Bps: z.number().positive(),
      edge_up_down_Bps: z.number().positive(),
      cloud_up_down_Bps: z.number().positive(),
      same_device_Bps: z.number().positive(),
    }),
  });
});

export type MdnnProfiles = z.infer<typeof profilesSchema>;
export type MdnnLayerProfile = MdnnProfiles['models'][string]['layers'][number];
export type MdnnDeviceProfile = MdnnProfiles['devices'][string];

/** Relative path of the profiles inside the data directory. */
export const MDNN_PROFILES_FILE = 'mdnn/mdnn_profiles.json';

/** Validates parsed JSON as mdnn profiles (schema + graph checks). `source` names the file in errors. */
export function validateMdnnProfiles(data: unknown, source: string): MdnnProfiles {
  const p = parseWith(profilesSchema, data, source);
  for (const [modelName, model] of Object.entries(p.models)) {
    const where = (i: number, field: string) => `models.${modelName}.layers[${i}].${field}`;
    const index = new Map<string, number>();
    model.layers.forEach((l, i) => {
      if (index.has(l.name)) throw new InputError(`duplicate layer name "${l.name}"`, source, where(i, 'name'));
      index.set(l.name, i);
    });
    let sum = 0;
    model.layers.forEach((l, i) => {
      sum += l.workload;
      for (const pr of l.preds) {
        const j = index.get(pr);
        if (j === undefined) throw new InputError(`unknown predecessor "${pr}"`, source, where(i, 'preds'));
        if (j >= i) throw new InputError(`predecessor "${pr}" is listed after its consumer (layers must be in topological order)`, source, where(i, 'preds'));
        if (!model.layers[j].succs.includes(l.name)) throw new InputError(`"${pr}" lists no successor "${l.name}"`, source, where(j, 'succs'));
      }
      for (const s of l.succs) {
        const j = index.get(s);
        if (j === undefined) throw new InputError(`unknown successor "${s}"`, source, where(i, 'succs'));
      }
      if (l.preds.length === 0) {
        if (typeof l.in_bytes !== 'number') throw new InputError('a source layer needs a number (raw input bytes)', source, where(i, 'in_bytes'));
      } else if (!Array.isArray(l.in_bytes) || l.in_bytes.length !== l.preds.length) {
        throw new InputError(`expected an array aligned with preds (${l.preds.length} entries)`, source, where(i, 'in_bytes'));
      }
      if (l.succs.length > 0 && (!Array.isArray(l.out_bytes) || l.out_bytes.length !== l.succs.length)) {
        throw new InputError(`expected an array aligned with succs (${l.succs.length} entries)`, source, where(i, 'out_bytes'));
      }
      if (l.type !== 'fc' && (l.k === null || l.stride === null || l.pad === null)) {
        throw new InputError(`a ${l.type} layer needs k, stride and pad`, source, where(i, 'k'));
      }
    });
    if (Math.abs(sum - model.total_workload) > 1e-9 * model.total_workload) {
      throw new InputError(`Σ layer workload = ${sum} differs from total_workload ${model.total_workload}`, source, `models.${modelName}.total_workload`);
    }
  }
  return p;
}

const cache = new Map<string, MdnnProfiles>();

/**
 * Reads and validates the profiles (cached per path). Without `path`, the
 * bundled `mdnn/mdnn_profiles.json` from the data directory
 * (`$ALLOT_DATA_DIR` or ../shared/data). Throws InputError when the file is
 * missing or invalid.
 */
export function loadMdnnProfiles(path?: string): MdnnProfiles {
  const file = path ?? dataFile(MDNN_PROFILES_FILE);
  if (!file) {
    throw new InputError(
      `bundled data ${MDNN_PROFILES_FILE} not found: set ALLOT_DATA_DIR or place ../shared/data beside the project (source: yhjh5302/Multiple-DNN-Scheduling@de588b2)`,
    );
  }
  const hit = cache.get(file);
  if (hit) return hit;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`, file);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new InputError(`not valid JSON (${(e as Error).message})`, file);
  }
  const p = validateMdnnProfiles(data, file);
  cache.set(file, p);
  return p;
}
