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
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o /out/storeops ./cmd/storeops

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=go /out/storeops /storeops
ENV STOREOPS_ADDR=0.0.0.0:8080
EXPOSE 8080
USER nonroot
ENTRYPOINT ["/storeops"]
CMD ["serve"]
