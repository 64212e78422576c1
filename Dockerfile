# One image for every Reportcast process: `api`, `worker`, `start`, and the one-shot commands
# (`migrate`, `clickhouse:migrate`, `retention prune`, `token`). Compiled JavaScript, production
# dependencies only, running as the unprivileged `node` user.
#   docker build -t reportcast .
#   docker run --rm reportcast help
ARG NODE_IMAGE=node:20.20-bookworm-slim
ARG PNPM_VERSION=10.34.9

FROM ${NODE_IMAGE} AS base
ARG PNPM_VERSION
RUN corepack enable && corepack prepare pnpm@${PNPM_VERSION} --activate
WORKDIR /app

# Everything needed to build: all dependencies, the sources, the web app and the server compiled.
FROM base AS build
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml tsconfig.json codegen.ts schema.graphql ./
COPY server/package.json server/
COPY web/package.json web/
COPY charts/package.json charts/
RUN pnpm install --frozen-lockfile
COPY charts charts
COPY server server
COPY web web
# @reportcast/charts is TypeScript that tsx and Vite read as source; Node runs its compiled dist/.
RUN pnpm --filter @reportcast/charts build
RUN pnpm --filter @reportcast/web build && pnpm --filter @reportcast/server build

# Production dependencies of the server only (no TypeScript, vitest, Vite, codegen).
FROM base AS prod-deps
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY server/package.json server/
COPY web/package.json web/
COPY charts/package.json charts/
RUN pnpm install --frozen-lockfile --prod --filter @reportcast/server

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production PORT=4000 HOST=0.0.0.0 DATA_DIR=/app/.data
# Workspace packages resolve to their compiled dist/ under this export condition (charts/package.json);
# without it Node would be handed TypeScript sources. Keep it when adding NODE_OPTIONS of your own.
ENV NODE_OPTIONS=--conditions=reportcast-compiled
WORKDIR /app
COPY --from=prod-deps /app/node_modules node_modules
COPY --from=prod-deps /app/server/node_modules server/node_modules
COPY --from=build /app/package.json ./
COPY --from=build /app/server/package.json server/
COPY --from=build /app/server/dist server/dist
COPY --from=build /app/charts/package.json charts/
COPY --from=build /app/charts/dist charts/dist
COPY --from=build /app/web/dist web/dist
COPY migrations migrations
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 4000
ENTRYPOINT ["node", "server/dist/main.js"]
CMD ["start"]
