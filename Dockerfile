# Every .NET program of Pic-a-Daily in a container: the four services, the frontend, LocalCloud and
# the provisioner. PROJECT_DIR names the folder of the project to build. From the repository root:
#   docker build --build-arg PROJECT_DIR=services/thumbnail -t picadaily/thumbnail .
# docker-compose.yml and infra/gcp/deploy.sh (through cloudbuild.yaml) build each image this way.
# (Not built in this repository's CI: no Docker engine there. Kept plain and conventional.)

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG PROJECT_DIR
RUN test -n "$PROJECT_DIR" || { echo "Build with --build-arg PROJECT_DIR=<folder of the project>, e.g. services/thumbnail" >&2; exit 2; }
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
# How every service is compiled and run (tiered compilation off: see the file).
COPY services/Directory.Build.props services/
# All of shared/, not the projects this one references: a new shared project needs no change here.
# The price is a restore after any change under shared/ (the restore layer stays cached otherwise).
COPY shared/ shared/
# Embedded in PicADaily.Contracts (every service checks its handlers against it at start-up); the
# frontend draws it, LocalCloud runs its schedules, the provisioner applies it.
COPY infra/topology.json infra/
COPY ${PROJECT_DIR}/*.csproj ${PROJECT_DIR}/
RUN dotnet restore "$PROJECT_DIR"
COPY ${PROJECT_DIR}/ ${PROJECT_DIR}/
# The entry point runs the project's own assembly, named after its project file; exec keeps signals reaching it.
RUN dotnet publish "$PROJECT_DIR" -c Release --no-restore -o /app/publish \
    && name="$(basename "$PROJECT_DIR"/*.csproj .csproj)" \
    && printf '#!/bin/sh\nexec dotnet /app/%s.dll "$@"\n' "$name" > /app/publish/entrypoint.sh \
    && chmod +x /app/publish/entrypoint.sh

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app/publish .
COPY infra/topology.json /app/topology.json
# A server listens on PORT (Cloud Run sets it); the base image's ASPNETCORE_HTTP_PORTS would take
# precedence, so it is cleared. The provisioner and LocalCloud read the topology from the path given.
ENV PORT=8080 \
    ASPNETCORE_HTTP_PORTS= \
    TOPOLOGY_PATH=/app/topology.json \
    LocalCloud__TopologyPath=/app/topology.json \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["/app/entrypoint.sh"]
