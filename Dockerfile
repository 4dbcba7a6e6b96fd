# FTP Deck app image. Builds the web UI and the server, and runs the compiled server.
FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
RUN npm exec --yes --package=pnpm@10.34.9 -- pnpm install --frozen-lockfile \
 && npm exec --yes --package=pnpm@10.34.9 -- pnpm --filter @ftpdeck/web build \
 && npm exec --yes --package=pnpm@10.34.9 -- pnpm --filter @ftpdeck/server build
ENV FTPDECK_HOST=0.0.0.0 FTPDECK_PORT=8021
EXPOSE 8021
# Node flags: apps/server/node-flags.mjs (why: apps/server/src/gcTuning.ts).
CMD ["node", "--enable-source-maps", "--initial-old-space-size=64", "--no-concurrent-array-buffer-sweeping", "apps/server/dist/main.mjs", "--no-demo"]
