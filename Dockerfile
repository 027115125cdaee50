# syntax=docker/dockerfile:1
# Multi-stage build for the worker and the API (used by docker-compose.yml):
#   docker build --target worker -t coding-worker .
#   docker build --target api    -t coding-api .

# ---- build ------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Only what the two hosts need (keeps .local/, tests/, eval/ and local build output out of the image).
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/ src/
# drop bin/obj copied from a developer checkout so restore/publish start clean
RUN find src -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} +
RUN dotnet restore src/Coding.Worker/Coding.Worker.csproj \
 && dotnet restore src/Coding.Api/Coding.Api.csproj
RUN dotnet publish src/Coding.Worker -c Release -o /app/worker --no-restore \
 && dotnet publish src/Coding.Api -c Release -o /app/api --no-restore

# ---- worker (generic host, no HTTP) ------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/runtime:10.0 AS worker
WORKDIR /app
COPY --from=build /app/worker ./
ENV DOTNET_ENVIRONMENT=Production
# non-root user predefined in the .NET images
USER $APP_UID
ENTRYPOINT ["dotnet", "Coding.Worker.dll"]

# ---- api --------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS api
WORKDIR /app
COPY --from=build /app/api ./
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "Coding.Api.dll"]
