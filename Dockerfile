# FTP Deck app image. Builds the web UI and the server, and runs the compiled server.
FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
RUN npm exec --yes --package=pnpm@10.34.9 -- pnpm install --frozen-lockfile \
 && npm exec --yes --package=pnpm@10.34.9 -- pnpm --filter @ftpdeck/web build \
 && npm exec --yes --package=pnpm@10.34.9 -- pnpm --filter @ftpdeck/server build
ENV FTPDECK_HOST=0.0.0.0 FTPDECK_PORT=8021
EXPOSE 8021
CMD ["node", "--enable-source-maps", "apps/server/dist/main.mjs", "--no-demo"]
