FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim
ENV NODE_ENV=production TZ=UTC
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json /app/.npmrc ./
RUN npm install --omit=dev --no-audit --no-fund
COPY --from=build /app/dist ./dist
COPY --from=build /app/apps/web/dist ./apps/web/dist
COPY processes ./processes
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
