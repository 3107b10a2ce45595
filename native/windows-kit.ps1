<#
.SYNOPSIS
  The maintainer kit: one command that turns a Windows machine into evidence for tokenbridge.

.DESCRIPTION
  Run from an elevated PowerShell in the repository root (see README "Windows: send results back"):

      powershell -ExecutionPolicy Bypass -File native\windows-kit.ps1

  It creates the conformance accounts (native\conformance-accounts.ps1), builds the native driver
  (mingw-w64 gcc on PATH, else MSVC cl from a Developer prompt), runs `mvn -B verify` (the
  windows-tests; -SkipVerify leaves it out), runs the corpus three ways and compares them
  (native\windows-conformance.ps1), removes the accounts, the scratch directory and key again
  (always, also after a failure), and packs everything into one zip. At the end it prints which
  files to send back. Nothing it writes contains a password.
#>
[CmdletBinding()]
param(
    [string]$OutDir = 'target\windows-run',
    [switch]$SkipVerify
)
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
Set-Location $root
New-Item -ItemType Directory -Force -Path $OutDir | Out-Null
$out = (Resolve-Path $OutDir).Path
$state = Join-Path $out 'accounts-state.json'
$verifyRc = 'not run'
$conformanceRc = 'not run'

function Build-Driver {
    if (Get-Command gcc -ErrorAction SilentlyContinue) {
        $make = @('mingw32-make', 'make') | Where-Object { Get-Command $_ -ErrorAction SilentlyContinue } | Select-Object -First 1
        if ($null -ne $make) {
            & $make -C native CC=gcc
            if ($LASTEXITCODE -eq 0) { return }
        }
        New-Item -ItemType Directory -Force -Path 'native\build' | Out-Null
        & gcc -O2 -std=c11 -Wall -D__USE_MINGW_ANSI_STDIO=1 -D_WIN32_WINNT=0x0A00 -static -o native\build\tbdriver.exe `
            (Get-ChildItem native\src\*.c | ForEach-Object { $_.FullName }) -ladvapi32 -lntdll
    } elseif (Get-Command cl -ErrorAction SilentlyContinue) {
        New-Item -ItemType Directory -Force -Path 'native\build' | Out-Null
        Push-Location native
        try { & cl /nologo /W4 /std:c11 /Fe:build\tbdriver.exe (Get-ChildItem src\*.c | ForEach-Object { $_.FullName }) advapi32.lib ntdll.lib }
        finally { Pop-Location }
    } else {
        throw 'windows-kit: no C compiler: put mingw-w64 gcc on PATH, or run from a Visual Studio Developer PowerShell'
    }
    if ($LASTEXITCODE -ne 0 -or -not (Test-Path 'native\build\tbdriver.exe')) { throw 'windows-kit: building native\build\tbdriver.exe failed' }
}

try {
    & (Join-Path $PSScriptRoot 'conformance-accounts.ps1') -Action Setup -StateFile $state
    Build-Driver
    if (-not $SkipVerify) {
        $ErrorActionPreference = 'Continue' # Maven's stderr lines must not stop the kit
        & mvn -B verify *> (Join-Path $out 'mvn-verify.log')
        $verifyRc = $LASTEXITCODE
        $ErrorActionPreference = 'Stop'
    }
    & (Join-Path $PSScriptRoot 'windows-conformance.ps1') -OutDir $out
    $conformanceRc = $LASTEXITCODE
} finally {
    & (Join-Path $PSScriptRoot 'conformance-accounts.ps1') -Action Teardown -StateFile $state
    foreach ($dir in 'target\surefire-reports', 'target\windows-observations') {
        if (Test-Path $dir) { Copy-Item $dir -Destination $out -Recurse -Force }
    }
    $zip = Join-Path (Split-Path -Parent $out) "tokenbridge-windows-$($env:COMPUTERNAME)-$(Get-Date -Format yyyyMMdd-HHmm).zip"
    Compress-Archive -Path (Join-Path $out '*') -DestinationPath $zip -Force
    Write-Host ''
    Write-Host "windows-kit: mvn verify exit $verifyRc, conformance exit $conformanceRc (0 = every divergence registered)"
    Write-Host 'windows-kit: send back this one file (attach it to a new issue, or mail it to the maintainers):'
    Write-Host "    $zip"
    Write-Host "  it holds $out\REPORT.md (read it first), native.jsonl, jna.jsonl, model.jsonl, compare.txt,"
    Write-Host '  host.txt, native.snapshot.json, mvn-verify.log, surefire-reports\ and windows-observations\'
}
