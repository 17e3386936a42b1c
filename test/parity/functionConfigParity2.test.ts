// Half 2 of the function-config parity corpus (see functionConfigParity.ts).
import { describeFunctionParity } from './functionConfigParity';

describeFunctionParity(1, 2);
