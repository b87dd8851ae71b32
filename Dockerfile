# mojo-scorer: SageMaker-compatible H2O-3 MOJO scorer on Bun (no JVM).
# SageMaker runs `docker run <image> serve`; the model is mounted at /opt/ml/model.
FROM node:20-bookworm-slim AS deps
WORKDIR /opt/mojo-scorer
COPY package.json package-lock.json ./
# Bun itself comes from the `bun` npm package.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM debian:bookworm-slim
WORKDIR /opt/mojo-scorer
COPY --from=deps /opt/mojo-scorer/node_modules ./node_modules
COPY package.json tsconfig.json bunfig.toml ./
COPY src ./src
ENV NODE_ENV=production \
    PATH=/opt/mojo-scorer/node_modules/.bin:$PATH
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s CMD ["bun", "-e", "fetch('http://127.0.0.1:' + (process.env.SAGEMAKER_BIND_TO_PORT || process.env.PORT || 8080) + '/ping').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["bun", "src/cli.ts"]
CMD ["serve"]
