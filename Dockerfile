# syntax=docker/dockerfile:1
#
# crosscal's container image: `docker build -t crosscal .`, then docs/install.md ("Containers").
#
# The image is made by the packaging check's own steps (scripts/package-check.mjs, which CI runs on Node 20
# and 24): the build stage runs `npm ci` as CI does, then `pack` (npm run build, npm pack); the install
# stage runs `install` (the tarball installed for production, dependencies at the lock's versions) and
# `verify` (crosscal --version, every command's help, serve answering /readyz and the dashboard, stopped
# by SIGTERM with exit code 0); the image holds that install and nothing else. CI never builds this file:
# our build machines have no Docker engine and cannot pull base images (docs/install.md says what CI
# proves and what it does not).

ARG NODE_IMAGE=node:24-slim

# Node and the compiler better-sqlite3 builds its native module with when it finds no prebuilt binary,
# for the two stages that run npm. The image itself gets neither the compiler nor npm's cache.
FROM ${NODE_IMAGE} AS toolchain
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*

FROM toolchain AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
RUN node scripts/package-check.mjs pack /pkg

FROM toolchain AS install
COPY --from=build /pkg/ /pkg/
COPY --from=build /src/scripts/package-check.mjs /pkg/
RUN --mount=type=cache,target=/root/.npm node /pkg/package-check.mjs install /pkg/crosscal-*.tgz /opt/crosscal \
  && node /pkg/package-check.mjs verify /opt/crosscal

FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
  PATH=/opt/crosscal/node_modules/.bin:$PATH \
  CROSSCAL_DATA=/data
# A user of its own (not root, not the base image's `node`); /data private to it, as crosscal wants its
# data folder (a new named volume takes this owner and mode).
RUN groupadd --system --gid 10001 crosscal \
  && useradd --system --uid 10001 --gid crosscal --home-dir /data --no-create-home --shell /usr/sbin/nologin crosscal \
  && install -d -m 0700 -o crosscal -g crosscal /data
COPY --from=install /opt/crosscal /opt/crosscal
USER crosscal
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8080
# Ready: the database reachable and migrated (GET /readyz). Plain Node: the image has no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.CROSSCAL_PORT||8080)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# crosscal stops cleanly on SIGTERM: no new run, runs in flight get --stop-timeout-seconds (25 s), exit 0.
# Give it more than Docker's 10 s: `docker stop --time 35`, `docker run --stop-timeout 35`, compose's
# stop_grace_period (compose.yaml).
STOPSIGNAL SIGTERM
ENTRYPOINT ["crosscal"]
CMD ["serve", "--data", "/data", "--host", "0.0.0.0"]
