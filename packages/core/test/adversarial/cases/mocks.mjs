// Mocked requests are not egress: msw 3 and nock 15 answer them, nothing is dialled, nothing is
// refused or recorded. Their targets include the counting server itself (198.18.0.10:PORT), so a
// request that a mock answered and the guard let through would still show up as reached.
// An unmocked request beside the mocks is still blocked.
const mockedUrls = (t) => ({
  counting: `http://198.18.0.10:${t.port}/mocked`,
  metadata: 'http://169.254.169.254/latest/meta-data/iam',
  v6: `http://[2001:db8::10]:${t.port}/mocked`,
  nowhere: 'http://telemetry.vendor.example/mocked',
  hosts: `http://api.example.test:${t.port}/mocked`,
})
const exactly = (url) => new RegExp(`^${url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`)

async function withMsw(ctx, first, body) {
  const { HttpResponse, http } = await import('msw')
  const { setupServer } = await import('msw/node')
  const server = setupServer(
    ...Object.values(mockedUrls(ctx.t)).map((url) =>
      http.get(exactly(url), () => HttpResponse.text('mocked')),
    ),
  )
  if (first === 'guard') await ctx.guard()
  server.listen({ onUnhandledFrame: 'bypass', onUnhandledRequest: 'bypass' })
  if (first === 'mock') await ctx.guard()
  try {
    return await body()
  } finally {
    server.close()
  }
}

async function withNock(ctx, first, body) {
  if (first === 'guard') await ctx.guard()
  const nock = (await import('nock')).default
  nock.enableNetConnect()
  for (const url of Object.values(mockedUrls(ctx.t))) {
    const { origin, pathname } = new URL(url)
    nock(origin).get(pathname).reply(200, 'mocked').persist()
  }
  if (first === 'mock') await ctx.guard()
  try {
    return await body()
  } finally {
    nock.cleanAll()
    nock.restore()
  }
}

const mockers = { msw: withMsw, nock: withNock }
const cases = []
for (const [mocker, wrap] of Object.entries(mockers)) {
  for (const [target, client, first] of [
    ['counting', 'http', 'guard'],
    ['counting', 'fetch', 'mock'],
    ['metadata', 'http', 'guard'],
    ['metadata', 'fetch', 'guard'],
    ['v6', 'http', 'mock'],
    ['nowhere', 'fetch', 'guard'],
    ['hosts', 'http', 'guard'],
  ]) {
    if (mocker === 'nock' && target === 'v6' && client === 'fetch') continue
    cases.push({
      id: `${mocker}-${target}-${client}`,
      title: `${mocker} mocks ${target} (${client}; ${first} installed first)`,
      verdict: 'mocked',
      run: (ctx) =>
        wrap(ctx, first, () => {
          const url = mockedUrls(ctx.t)[target]
          return client === 'http' ? ctx.kit.httpRequest(url) : ctx.kit.fetchText(url)
        }),
    })
  }
  cases.push({
    id: `${mocker}-unmocked-passthrough`,
    title: `${mocker} installed, an unmocked request to remote.test is still blocked`,
    verdict: 'blocked',
    run: (ctx) => wrap(ctx, 'guard', () => ctx.kit.httpRequest(`http://remote.test:${ctx.t.port}/unmocked`)),
  })
}
export default cases
