import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { describeCoexistence, MOCKED_URLS } from './coexistence-scenarios.js'

// As regular expressions: msw's path patterns read `[2001:db8::1]`'s colons as parameters.
const exactly = (url: string) => new RegExp(`^${url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`)
const server = setupServer(
  ...MOCKED_URLS.map((url) => http.get(exactly(url), () => HttpResponse.text('mocked'))),
)

describeCoexistence('msw 3 setupServer', {
  start: () => server.listen({ onUnhandledFrame: 'bypass' }),
  stop: () => server.close(),
})
