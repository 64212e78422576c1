FROM node:20-bookworm-slim
WORKDIR /app
RUN npm i -g pnpm@10
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml tsconfig.json ./
COPY server/package.json server/
COPY web/package.json web/
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm --filter @reportcast/web build
EXPOSE 4000
CMD ["pnpm", "cli", "start"]
