@echo off
rem tokenbridge launcher: builds the jar on first use, then runs io.github.tokenbridge.cli.Main.
setlocal EnableDelayedExpansion
set "HERE=%~dp0"
set "JAR="
for %%f in ("%HERE%target\tokenbridge-*.jar") do (
  echo %%~nxf | findstr /r /c:"-sources.jar" /c:"-javadoc.jar" /c:"-tests.jar" >nul || set "JAR=%%f"
)
if not defined JAR goto build
if not exist "%HERE%target\lib" goto build
goto run
:build
echo tokenbridge: building (mvn -B -q -DskipTests package) ... 1>&2
pushd "%HERE%"
call mvn -B -q -DskipTests package 1>&2
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
