// The fake network that scripts/hermetic.mjs builds inside its private namespace.
// Addresses come from ranges reserved for benchmarking (198.18.0.0/15) and documentation
// (2001:db8::/32); names end in `.test` (RFC 6761). Nothing here exists outside the namespace.

export const FAKE_V4 = ['198.18.0.10', '198.18.0.11', '198.18.0.12', '198.18.0.53']
export const FAKE_V6 = ['2001:db8::10', '2001:db8::11']
/** Where resolv.conf points inside the namespace; a test may run a fake DNS server here. */
export const FAKE_DNS_V4 = '198.18.0.53'

/** [name, address] pairs written to the namespace's /etc/hosts. */
export const FAKE_HOSTS = [
  ['remote.test', '198.18.0.10'],
  ['api.example.test', '198.18.0.10'],
  ['other.test', '198.18.0.11'],
  ['telemetry.test', '198.18.0.12'],
  ['models.example.test', '198.18.0.12'],
  ['remote6.test', '2001:db8::10'],
  ['dual.test', '198.18.0.11'],
  ['dual.test', '2001:db8::11'],
  // A name that looks local but resolves to a "remote": the guard must judge the address.
  ['localhost.evil.test', '198.18.0.10'],
  // A name no rule covers that points at loopback: resolved, then allowed as loopback.
  ['loop.test', '127.0.0.1'],
]
