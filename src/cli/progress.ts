/**
 * A progress bar on standard error: redrawn in place on a terminal, printed every tenth
 * otherwise (logs, CI), so long commands always show how far they are.
 */
export interface Progress {
  tick(count?: number): void;
  done(note?: string): void;
}

export function progress(label: string, total: number, out: NodeJS.WriteStream = process.stderr): Progress {
  let current = 0;
  let lastTenth = -1;
  const width = 30;
  const render = (final: boolean): void => {
    const ratio = total === 0 ? 1 : Math.min(1, current / total);
    const filled = Math.round(ratio * width);
    const line = `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.round(ratio * 100)}% ${current.toLocaleString('en')}/${total.toLocaleString('en')}`;
    if (out.isTTY) out.write(`\r${line}${final ? '\n' : ''}`);
    else if (final || Math.floor(ratio * 10) > lastTenth) {
      lastTenth = Math.floor(ratio * 10);
      out.write(`${line}\n`);
    }
  };
  return {
    tick(count = 1) {
      current += count;
      render(false);
    },
    done(note) {
      current = total;
      render(true);
      if (note) out.write(`${note}\n`);
    },
  };
}
