# Build with the SDK, run on the ASP.NET runtime. Templates and the strategy catalogue are published beside the binary.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/BifSof.Worker/BifSof.Worker.csproj src/BifSof.Worker/
RUN dotnet restore src/BifSof.Worker/BifSof.Worker.csproj
COPY src/ src/
COPY templates/ templates/
COPY data/ data/
# The publish restores again: it is ReadyToRun for the SDK's runtime identifier (see the project file), which the
# restore above (kept for the layer cache of the packages) does not know.
RUN dotnet publish src/BifSof.Worker/BifSof.Worker.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# Schedules run in Europe/Copenhagen: the zone data must be there. The charts (ScottPlot) are drawn with DejaVu Sans.
RUN apt-get update && apt-get install -y --no-install-recommends tzdata fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
RUN mkdir -p /var/lib/bifsof/inbox && chown app /var/lib/bifsof/inbox
USER app
EXPOSE 8080
ENTRYPOINT ["dotnet", "BifSof.Worker.dll"]
