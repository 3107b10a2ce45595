<#
.SYNOPSIS
  Runs the shipped conformance corpus three ways on this Windows host - the native driver
  (tbdriver.exe), the jna backend and the model configured from this host's snapshot - and
  compares the three transcripts with the register of known divergences.

.DESCRIPTION
  Used by .github/workflows/windows.yml and by native/windows-kit.ps1. Expects
  native/build/tbdriver.exe (built by the caller: mingw-w64 or MSVC, see native/README.md) and
  builds the jar with Maven when it is missing. Writes into -OutDir:
    native.jsonl, native.snapshot.json, native.stdout/.stderr   the driver's run
    jna.jsonl, jna.jsonl.snapshot.json, jna.stdout               the jna backend's run
    model.jsonl, model.stdout                                     the model, as this host's principal
    compare.txt                                                   the three-way comparison
    host.txt                                                      Windows version, elevation, UAC
    REPORT.md                                                     all of the above in one page
  Exit code: 0 when every divergence is in the register, 1 when one is not (the report names the
  scenario, the step, the rules it cites and each side's record), 2 when a run could not be made.
  A model/Windows difference is never registered: it is a model bug or a rule to correct.
#>
[CmdletBinding()]
param(
    [string]$OutDir = 'target\windows-run',
    [string]$Java = 'java'
)
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
Set-Location $root
$corpus = 'src\main\resources\io\github\tokenbridge\conformance\corpus'
$register = 'src\main\resources\io\github\tokenbridge\conformance\divergences.reg'
$driver = 'native\build\tbdriver.exe'
New-Item -ItemType Directory -Force -Path $OutDir | Out-Null
$out = (Resolve-Path $OutDir).Path

function Find-Jar {
    Get-ChildItem -Path 'target' -Filter 'tokenbridge-*.jar' -ErrorAction SilentlyContinue |
        Where-Object { $_.Name -notmatch '-(sources|javadoc|tests)\.jar$' } | Select-Object -First 1
}

# Runs a program with its output in files; its exit code. (The call operator quotes arguments with
# spaces; native stderr must not turn into terminating errors, so the preference is relaxed here.)
function Invoke-Logged([string]$exe, [string[]]$arguments, [string]$stdout, [string]$stderr) {
    $previous = $ErrorActionPreference
    $ErrorActionPreference = 'Continue'
    try {
        & $exe @arguments 1> $stdout 2> $stderr
        return $LASTEXITCODE
    } finally {
        $ErrorActionPreference = $previous
    }
}

function Last-Line([string]$file) {
    if (Test-Path $file) { $l = Get-Content $file | Select-Object -Last 1; if ($null -ne $l) { return $l } }
    return '(no output)'
}

if (-not (Test-Path $driver)) { Write-Error "windows-conformance: $driver is missing (build it: see native/README.md)"; exit 2 }
$jar = Find-Jar
if ($null -eq $jar -or -not (Test-Path 'target\lib')) {
    Write-Host 'windows-conformance: building the jar (mvn -B -q -DskipTests package)'
    & mvn -B -q -DskipTests package
    if ($LASTEXITCODE -ne 0) { Write-Error 'windows-conformance: mvn package failed'; exit 2 }
    $jar = Find-Jar
}

# The host, for the report.
$os = Get-CimInstance Win32_OperatingSystem
$lua = (Get-ItemProperty 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System' -ErrorAction SilentlyContinue).EnableLUA
$admin = (New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())).IsInRole(
    [Security.Principal.WindowsBuiltInRole]::Administrator)
$ErrorActionPreference = 'Continue'
$javaVersion = (& $Java -version 2>&1 | Select-Object -First 1 | ForEach-Object { "$_" })
$ErrorActionPreference = 'Stop'
@(
    "os: $($os.Caption) $($os.Version) build $($os.BuildNumber)",
    "uac (EnableLUA): $lua",
    "elevated administrator: $admin",
    "user: $([Security.Principal.WindowsIdentity]::GetCurrent().Name)",
    "java: $javaVersion",
    "runner: $(if ($env:GITHUB_ACTIONS) { "GitHub Actions $env:RUNNER_OS $env:ImageOS $env:ImageVersion" } else { 'maintainer kit' })"
) | Set-Content (Join-Path $out 'host.txt')

# 1. the native driver
$nativeRc = Invoke-Logged (Resolve-Path $driver).Path @('--transcript', "$out\native.jsonl", '--snapshot', "$out\native.snapshot.json", $corpus) `
    "$out\native.stdout" "$out\native.stderr"
Write-Host "native: $(Last-Line "$out\native.stdout") (exit $nativeRc)"
# 2. the jna backend
$jnaRc = Invoke-Logged $Java @('-jar', $jar.FullName, 'conformance', '--backend', 'jna', '--transcript', "$out\jna.jsonl") `
    "$out\jna.stdout" "$out\jna.stderr"
Write-Host "jna: $(Last-Line "$out\jna.stdout") (exit $jnaRc)"
# 3. the model as this host's principal
$modelRc = 2
if (Test-Path "$out\native.snapshot.json") {
    $modelRc = Invoke-Logged $Java @('-jar', $jar.FullName, 'conformance', '--backend', 'model', '--snapshot', "$out\native.snapshot.json",
        '--transcript', "$out\model.jsonl") "$out\model.stdout" "$out\model.stderr"
}
Write-Host "model (this host's snapshot): $(Last-Line "$out\model.stdout") (exit $modelRc)"

$runs = @(@{ Name = 'native'; Rc = $nativeRc }, @{ Name = 'jna'; Rc = $jnaRc }, @{ Name = 'model'; Rc = $modelRc })
$broken = @($runs | Where-Object { $_.Rc -ne 0 -and $_.Rc -ne 1 -or -not (Test-Path "$out\$($_.Name).jsonl") })

# 4. the three-way comparison (host windows: Wine's register entries do not apply)
$compareRc = 2
$present = @('model', 'jna', 'native' | Where-Object { Test-Path "$out\$_.jsonl" } | ForEach-Object { "$out\$_.jsonl" })
if ($present.Count -ge 2) {
    $compareRc = Invoke-Logged $Java (@('-jar', $jar.FullName, 'conformance', '--compare') + $present + @('--register', $register, '--host', 'windows')) `
        "$out\compare.txt" "$out\compare.stderr"
}
Write-Host "compare: $(Last-Line "$out\compare.txt") (exit $compareRc)"

# The report.
$report = New-Object Collections.Generic.List[string]
$report.Add('# tokenbridge on Windows: conformance report')
$report.Add('')
$report.Add('```'); (Get-Content (Join-Path $out 'host.txt')) | ForEach-Object { $report.Add($_) }; $report.Add('```')
$report.Add('')
$report.Add('| run | summary | exit |'); $report.Add('|---|---|---|')
foreach ($r in $runs) { $report.Add("| $($r.Name) | $(Last-Line "$out\$($r.Name).stdout") | $($r.Rc) |") }
$report.Add("| compare (model, jna, native) | $(Last-Line "$out\compare.txt") | $compareRc |")
$report.Add('')
$report.Add('## Divergences not in the register (each is work: a model bug, a rule to correct, or a driver/backend bug)')
$report.Add('')
$report.Add('```')
if (Test-Path "$out\compare.txt") {
    $inDiverge = $false
    foreach ($line in Get-Content "$out\compare.txt") {
        if ($line -match '^DIVERGES ') { $inDiverge = $true } elseif ($line -notmatch '^\s') { $inDiverge = $false }
        if ($inDiverge) { $report.Add($line) }
    }
}
$report.Add('```')
$report.Add('')
$report.Add('## Scenarios skipped on this host (with the reason; `requires uac` ones are left to a maintainer machine with UAC on)')
$report.Add('')
$report.Add('```')
foreach ($name in 'native', 'jna', 'model') {
    if (Test-Path "$out\$name.stdout") {
        Get-Content "$out\$name.stdout" | Where-Object { $_ -match '^skipped ' } | ForEach-Object { $report.Add("${name}: $_") }
    }
}
$report.Add('```')
$report.Add('')
$report.Add('## Failed scenarios per run')
$report.Add('')
$report.Add('```')
foreach ($name in 'native', 'jna', 'model') {
    if (Test-Path "$out\$name.stdout") {
        Get-Content "$out\$name.stdout" | Where-Object { $_ -match '^failed ' } | ForEach-Object { $report.Add("${name}: $_") }
    }
}
$report.Add('```')
$report.Add('')
$report.Add('Full comparison (known divergences too): compare.txt. Transcripts: native.jsonl, jna.jsonl, model.jsonl.')
$report | Set-Content (Join-Path $out 'REPORT.md') -Encoding UTF8
Write-Host "windows-conformance: report in $out\REPORT.md"

if ($broken.Count -gt 0) {
    Write-Error "windows-conformance: run(s) could not be made: $(($broken | ForEach-Object { "$($_.Name) (exit $($_.Rc))" }) -join ', ')"
    exit 2
}
if ($compareRc -ne 0) { Write-Host 'windows-conformance: divergences not in the register (see REPORT.md)'; exit 1 }
Write-Host 'windows-conformance: OK (every divergence is registered)'
exit 0
