# Multi-stage build: the SPA with Node, the static Go binary, then a small runtime image.
FROM node:20-bookworm-slim AS web
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

FROM golang:1.26-bookworm AS go
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
COPY --from=web /src/frontend/dist ./frontend/dist
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o /out/storeops ./cmd/storeops && mkdir -p /out/data/attachments

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=go /out/storeops /storeops
# Photos live in /data (a volume in docker-compose.yml), owned by the nonroot user.
COPY --from=go --chown=65532:65532 /out/data /data
ENV STOREOPS_ADDR=0.0.0.0:8080 STOREOPS_ATTACHMENTS_DIR=/data/attachments
EXPOSE 8080
USER nonroot
ENTRYPOINT ["/storeops"]
CMD ["serve"]
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=5 CMD ["/storeops", "health"]
