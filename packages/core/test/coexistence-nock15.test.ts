import nock from 'nock'
import { describeCoexistence } from './coexistence-scenarios.js'

// nock activates itself on import; start from a clean, inactive state.
nock.restore()

describeCoexistence('nock 15', {
  start: () => {
    nock.activate()
    nock.enableNetConnect()
    nock('http://api.example.test').get('/mocked').reply(200, 'mocked').persist()
  },
  stop: () => {
    nock.cleanAll()
    nock.restore()
  },
})
