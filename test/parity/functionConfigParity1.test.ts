// Half 1 of the function-config parity corpus (see functionConfigParity.ts).
import { describeFunctionParity } from './functionConfigParity';

describeFunctionParity(0, 2);
