# FTP Deck app image. Builds the web UI and runs the server with tsx.
FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
RUN npm exec --yes --package=pnpm@10.34.9 -- pnpm install --frozen-lockfile \
 && npm exec --yes --package=pnpm@10.34.9 -- pnpm --filter @ftpdeck/web build
ENV FTPDECK_HOST=0.0.0.0 FTPDECK_PORT=8021
EXPOSE 8021
CMD ["node", "apps/server/node_modules/tsx/dist/cli.mjs", "apps/server/src/main.ts", "--no-demo"]
