# Sourced by the npm scripts after scripts/install-tools.sh: the project's Node.js (.tools/node, installed when the
# machine's is older than the images' major) first on PATH, so every `node` and `#!/usr/bin/env node` below is it.
if [ -x "$(pwd)/.tools/node/bin/node" ]; then
  export PATH="$(pwd)/.tools/node/bin:$PATH"
fi
