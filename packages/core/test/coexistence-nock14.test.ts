import nock from 'nock14'
import { describeCoexistence } from './coexistence-scenarios.js'

// nock activates itself on import; start from a clean, inactive state.
nock.restore()

describeCoexistence('nock 14', {
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
