// Suites here talk to real servers: minutes, not seconds (testTimeout is global in multi-project runs).
jest.setTimeout(240_000);
