import { HttpResponse, http } from 'msw2'
import { setupServer } from 'msw2/node'
import { describeCoexistence } from './coexistence-scenarios.js'

const server = setupServer(http.get('http://api.example.test/mocked', () => HttpResponse.text('mocked')))

describeCoexistence('msw 2 setupServer', {
  start: () => server.listen({ onUnhandledRequest: 'bypass' }),
  stop: () => server.close(),
})
