/**
 * Unit-test setup. Component tests wait for what the app does after a click (a dialog closing
 * once the fake vnmd answers): testing-library's default 1 s is shorter than one render on a
 * loaded 2-core machine, so its waits get 10 s. They still end as soon as the condition holds.
 */
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 10_000 });
