import nock from 'nock14'
import { describeCoexistence, MOCKED_ORIGINS } from './coexistence-scenarios.js'

// nock activates itself on import; start from a clean, inactive state.
nock.restore()

describeCoexistence('nock 14', {
  start: () => {
    nock.activate()
    nock.enableNetConnect()
    for (const [origin, path] of MOCKED_ORIGINS) nock(origin).get(path).reply(200, 'mocked').persist()
  },
  stop: () => {
    nock.cleanAll()
    nock.restore()
  },
})
