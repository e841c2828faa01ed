/**
 * NephroPlan command line: the same TypeScript core as the browser, on tfjs WASM.
 *
 *   npm run cli -- segment <DICOM folder | .nii | .nii.gz> --out <mask.nii.gz> [--json <m.json>]
 *   npm run cli -- plan --mask <mask.nii.gz> --age <y> --bmi <kg/m2> --size <cm>
 *   npm run cli -- plan --batch <cases.json>
 *
 * Every subcommand lives in its own module; this file only dispatches and turns
 * errors into a message on stderr and a non-zero exit status: 2 when the
 * command line is wrong (nothing ran), 1 when a file it names cannot be used
 * or a batch case failed, 130 when cancelled (CliError carries the status).
 */
import { CliError } from './CliError';

const USAGE = `usage:
  npm run cli -- segment <DICOM folder | file.nii | file.nii.gz> --out <mask.nii.gz> [--json <metrics.json>] [--backend wasm|cpu]
  npm run cli -- plan --mask <mask.nii.gz> --age <years> --bmi <kg/m2> --size <cm>
  npm run cli -- plan --batch <cases.json>`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'segment': {
      const { runSegment } = await import('./segmentCommand');
      return runSegment(rest);
    }
    case 'plan': {
      const { runPlan } = await import('./planCommand');
      return runPlan(rest);
    }
    case undefined:
    case '-h':
    case '--help':
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      throw new CliError(`unknown command "${command}"\n${USAGE}`, 2);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof CliError) {
      console.error(`error: ${err.message}`);
      process.exit(err.exitCode);
    }
    console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
