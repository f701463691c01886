import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { describeCoexistence } from './coexistence-scenarios.js'

const server = setupServer(http.get('http://api.example.test/mocked', () => HttpResponse.text('mocked')))

describeCoexistence('msw 3 setupServer', {
  start: () => server.listen({ onUnhandledFrame: 'bypass' }),
  stop: () => server.close(),
})
