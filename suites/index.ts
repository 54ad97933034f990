import type { Suite } from '../src/authoring.js';
import { xmppCoreClient } from './rfc6120/client/index.js';
import { xmppCore } from './rfc6120/index.js';
import { xmppImClient } from './rfc6121/client/index.js';
import { xmppIm } from './rfc6121/index.js';
import { rfc7395 } from './rfc7395/index.js';
import { rfc7590 } from './rfc7590/index.js';
import { xep0004Client } from './xep-0004/client/index.js';
import { xep0016Client } from './xep-0016/client/index.js';
import { xep0016 } from './xep-0016/index.js';
import { xep0020Client } from './xep-0020/client/index.js';
import { xep0030Client } from './xep-0030/client/index.js';
import { xep0030 } from './xep-0030/index.js';
import { xep0045Client } from './xep-0045/client/index.js';
import { xep0045 } from './xep-0045/index.js';
import { xep0048 } from './xep-0048/index.js';
import { xep0049 } from './xep-0049/index.js';
import { xep0047Client } from './xep-0047/client/index.js';
import { xep0054Client } from './xep-0054/client/index.js';
import { xep0054 } from './xep-0054/index.js';
import { xep0065Client } from './xep-0065/client/index.js';
import { xep0071Client } from './xep-0071/client/index.js';
import { xep0077 } from './xep-0077/index.js';
import { xep0078 } from './xep-0078/index.js';
import { xep0085Client } from './xep-0085/client/index.js';
import { xep0086 } from './xep-0086/index.js';
import { xep0092Client } from './xep-0092/client/index.js';
import { xep0092 } from './xep-0092/index.js';
import { xep0095Client } from './xep-0095/client/index.js';
import { xep0096Client } from './xep-0096/client/index.js';
import { xep0106Client } from './xep-0106/client/index.js';
import { xep0115Client } from './xep-0115/client/index.js';
import { xep0124 } from './xep-0124/index.js';
import { xep0138Client } from './xep-0138/client/index.js';
import { xep0138 } from './xep-0138/index.js';
import { xep0155Client } from './xep-0155/client/index.js';
import { xep0156 } from './xep-0156/index.js';
import { xep0153 } from './xep-0153/index.js';
import { xep0163 } from './xep-0163/index.js';
import { xep0191Client } from './xep-0191/client/index.js';
import { xep0191 } from './xep-0191/index.js';
import { xep0198 } from './xep-0198/index.js';
import { xep0199Client } from './xep-0199/client/index.js';
import { xep0199 } from './xep-0199/index.js';
import { xep0206 } from './xep-0206/index.js';
import { xep0223 } from './xep-0223/index.js';
import { xep0368 } from './xep-0368/index.js';
import { xep0249 } from './xep-0249/index.js';
import { xep0280 } from './xep-0280/index.js';
import { xep0313 } from './xep-0313/index.js';
import { xep0352 } from './xep-0352/index.js';
import { xep0363 } from './xep-0363/index.js';
import { xep0398 } from './xep-0398/index.js';
import { xep0402 } from './xep-0402/index.js';
import { xep0410 } from './xep-0410/index.js';

/** Every suite the tool knows: one per spec and role under test. */
export const SUITES: readonly Suite[] = [
  // servers
  xmppCore, xmppIm, xep0016, xep0030, xep0045, xep0054, xep0077, xep0078, xep0086, xep0092,
  xep0124, xep0138, xep0163, xep0191, xep0199, xep0206,
  rfc7395, rfc7590, xep0156, xep0368,
  xep0048, xep0049, xep0153, xep0223, xep0249, xep0363, xep0398, xep0402, xep0410,
  xep0198, xep0280, xep0313, xep0352,
  // clients
  xmppCoreClient, xmppImClient, xep0004Client, xep0016Client, xep0020Client, xep0030Client, xep0045Client, xep0047Client,
  xep0054Client, xep0065Client, xep0071Client, xep0085Client, xep0092Client, xep0095Client, xep0096Client, xep0106Client,
  xep0115Client, xep0138Client, xep0155Client, xep0191Client, xep0199Client,
];
