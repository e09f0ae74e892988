/** Counts and prints conformance results. */

export class Report {
  passed = 0;
  failed = 0;

  pass(label: string): void {
    this.passed++;
    if (process.env.CONFORMANCE_VERBOSE) console.log(`ok   ${label}`);
  }

  fail(label: string, detail: string): void {
    this.failed++;
    console.log(`FAIL ${label}`);
    if (detail) console.log(detail.replace(/^/gm, '     '));
  }

  check(label: string, ok: boolean, detail: () => string): void {
    if (ok) this.pass(label);
    else this.fail(label, detail());
  }

  add(counts: { passed: number; failed: number }): void {
    this.passed += counts.passed;
    this.failed += counts.failed;
  }
}
