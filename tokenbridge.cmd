@echo off
rem tokenbridge launcher: builds the jar when there is none or pom.xml / src is newer, then runs io.github.tokenbridge.cli.Main.
setlocal EnableDelayedExpansion
set "HERE=%~dp0"
set "JAR="
for %%f in ("%HERE%target\tokenbridge-*.jar") do (
  echo %%~nxf | findstr /r /c:"-sources.jar" /c:"-javadoc.jar" /c:"-tests.jar" >nul || set "JAR=%%f"
)
if not defined JAR goto build
if not exist "%HERE%target\lib" goto build
rem Rebuild when pom.xml or a file under src is newer than the jar.
set "STALE="
for /f %%s in ('powershell -NoProfile -Command "$j=(Get-Item '!JAR!').LastWriteTime; if ((Get-Item '%HERE%pom.xml').LastWriteTime -gt $j -or (Get-ChildItem -Recurse -File '%HERE%src' | Where-Object { $_.LastWriteTime -gt $j } | Select-Object -First 1)) { 'stale' }"') do set "STALE=%%s"
if defined STALE goto build
goto run
:build
echo tokenbridge: building (mvn -B -q -DskipTests package) ... 1>&2
pushd "%HERE%"
set "MVN=mvn"
if exist "%HERE%mvnw.cmd" set "MVN=%HERE%mvnw.cmd"
call "!MVN!" -B -q -Dstyle.color=never -DskipTests package 1>&2
set "RC=!ERRORLEVEL!"
popd
if not "!RC!"=="0" exit /b !RC!
for %%f in ("%HERE%target\tokenbridge-*.jar") do (
  echo %%~nxf | findstr /r /c:"-sources.jar" /c:"-javadoc.jar" /c:"-tests.jar" >nul || set "JAR=%%f"
)
if not defined JAR (
  echo tokenbridge: the build produced no jar 1>&2
  exit /b 2
)
:run
if not defined JAVA set "JAVA=java"
"%JAVA%" -jar "%JAR%" %*
exit /b %ERRORLEVEL%
