import { describe, expect, it } from 'vitest';
import { testManifest } from '../inference/testing/saveModelToDir';
import { ManifestError, parseSegmentationManifest } from './SegmentationManifest';

const valid = () => JSON.parse(JSON.stringify(testManifest(256))) as Record<string, any>;

describe('parseSegmentationManifest', () => {
  it('accepts the documented manifest and keeps every field', () => {
    expect(parseSegmentationManifest(valid())).toEqual(testManifest(256));
  });

  it.each([
    ['input.sizePx', (m: any) => (m.input.sizePx = 0)],
    ['input.sizePx', (m: any) => (m.input.sizePx = 12.5)],
    ['input.layout', (m: any) => (m.input.layout = 'NCHW')],
    ['input.channels', (m: any) => (m.input.channels = 3)],
    ['input.spacingMm', (m: any) => delete m.input.spacingMm],
    ['intensity.windowHu', (m: any) => (m.intensity.windowHu = [255, 0])],
    ['intensity.outsideValueHu', (m: any) => (m.intensity.outsideValueHu = 'air')],
    ['modelFile', (m: any) => (m.modelFile = '../../etc/passwd')],
    ['modelFile', (m: any) => (m.modelFile = 'https://example.org/model.json')],
    ['labels', (m: any) => (m.labels = ['background'])],
    ['output', (m: any) => (m.output = 'logits')],
    ['unknownSpacingMm', (m: any) => (m.unknownSpacingMm = -1)],
    [
      'intensity.windowBeforeResampling',
      (m: any) => (m.intensity.windowBeforeResampling = 1),
    ],
  ])('names the bad field %s', (field, spoil) => {
    const m = valid();
    spoil(m);
    expect(() => parseSegmentationManifest(m)).toThrow(ManifestError);
    expect(() => parseSegmentationManifest(m)).toThrow(field);
  });

  it('accepts the optional windowBeforeResampling flag', () => {
    const m = valid();
    m.intensity.windowBeforeResampling = true;
    expect(parseSegmentationManifest(m).intensity.windowBeforeResampling).toBe(true);
  });

  it('rejects a value that is not an object', () => {
    expect(() => parseSegmentationManifest(null)).toThrow(ManifestError);
    expect(() => parseSegmentationManifest([1])).toThrow(ManifestError);
  });
});
