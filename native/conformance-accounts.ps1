<#
.SYNOPSIS
  Creates (-Action Setup) or removes (-Action Teardown) the conformance accounts that
  shared/spec/scenarios.md names, for scenarios that "requires accounts".

.DESCRIPTION
  Setup (as an administrator):
    - saves the local password policy (MinimumPasswordLength, PasswordComplexity) to -StateFile,
      relaxes it to 0/0 so that tb-blank can have an empty password (Windows Server refuses one),
      creates the accounts, and restores the policy at once;
    - tb-user     password Tb-user-1!      member of Users (S-1-5-32-545) only
      tb-admin    password Tb-admin-1!     member of Administrators (S-1-5-32-544), not RID 500
      tb-blank    empty password           member of Users
      tb-disabled password Tb-disabled-1!  member of Users, disabled
    - an account of that name that already exists is reset to this state (the names are reserved
      for the conformance runs).
  "Accounts: Limit local account use of blank passwords to console logon only" is left as it is:
  what it does to tb-blank is part of what the scenarios observe.

  Teardown (as an administrator; safe to run more than once, and after a failed Setup):
    - removes the four accounts and their profiles, if any;
    - restores the password policy from -StateFile if Setup left it relaxed;
    - removes the scratch directory (%TEMP%\tokenbridge-conformance, taking ownership where it
      must) and the scratch key HKCU\Software\tokenbridge-conformance.

  No password is printed: output names accounts only.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)][ValidateSet('Setup', 'Teardown')][string]$Action,
    [string]$StateFile = (Join-Path ([IO.Path]::GetTempPath()) 'tokenbridge-accounts-state.json')
)
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$Accounts = @(
    @{ Name = 'tb-user';     Password = 'Tb-user-1!';     Group = 'S-1-5-32-545'; Disabled = $false },
    @{ Name = 'tb-admin';    Password = 'Tb-admin-1!';    Group = 'S-1-5-32-544'; Disabled = $false },
    @{ Name = 'tb-blank';    Password = '';               Group = 'S-1-5-32-545'; Disabled = $false },
    @{ Name = 'tb-disabled'; Password = 'Tb-disabled-1!'; Group = 'S-1-5-32-545'; Disabled = $true }
)
$ScratchDir = Join-Path ([IO.Path]::GetTempPath()) 'tokenbridge-conformance'
$ScratchKey = 'HKCU:\Software\tokenbridge-conformance'
$Computer = $env:COMPUTERNAME
$UF_ACCOUNTDISABLE = 0x2
$UF_DONT_EXPIRE_PASSWD = 0x10000

function Assert-Administrator {
    $principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
    if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
        throw 'conformance-accounts.ps1 must run as an administrator (elevated)'
    }
}

function Get-GroupName([string]$sid) {
    $account = (New-Object Security.Principal.SecurityIdentifier($sid)).Translate([Security.Principal.NTAccount]).Value
    return $account.Split('\')[-1]
}

function Get-PasswordPolicy {
    $cfg = Join-Path ([IO.Path]::GetTempPath()) 'tokenbridge-secpol-export.inf'
    & secedit.exe /export /cfg $cfg /areas SECURITYPOLICY /quiet | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "secedit /export failed with exit code $LASTEXITCODE" }
    $policy = @{}
    foreach ($line in Get-Content $cfg) {
        if ($line -match '^\s*(MinimumPasswordLength|PasswordComplexity)\s*=\s*(\d+)') { $policy[$Matches[1]] = [int]$Matches[2] }
    }
    Remove-Item $cfg -Force
    return $policy
}

function Set-PasswordPolicy([int]$minimumLength, [int]$complexity) {
    $dir = Join-Path ([IO.Path]::GetTempPath()) 'tokenbridge-secpol'
    New-Item -ItemType Directory -Force -Path $dir | Out-Null
    $inf = Join-Path $dir 'policy.inf'
    @(
        '[Unicode]', 'Unicode=yes', '[Version]', 'signature="$CHICAGO$"', 'Revision=1',
        '[System Access]', "MinimumPasswordLength = $minimumLength", "PasswordComplexity = $complexity"
    ) | Set-Content -Path $inf -Encoding Unicode
    & secedit.exe /configure /db (Join-Path $dir 'policy.sdb') /cfg $inf /areas SECURITYPOLICY /quiet | Out-Null
    $rc = $LASTEXITCODE
    Remove-Item $dir -Recurse -Force
    if ($rc -ne 0) { throw "secedit /configure failed with exit code $rc" }
}

function Get-LocalAccount([string]$name) {
    $container = [ADSI]"WinNT://$Computer,computer"
    foreach ($child in $container.Children) {
        if ($child.SchemaClassName -eq 'User' -and $child.Name -eq $name) { return $child }
    }
    return $null
}

function Remove-Account([string]$name) {
    $user = Get-LocalAccount $name
    if ($null -eq $user) { return $false }
    $sid = (New-Object Security.Principal.SecurityIdentifier($user.objectSid.Value, 0)).Value
    ([ADSI]"WinNT://$Computer,computer").Delete('User', $name)
    $profile = Get-CimInstance -ClassName Win32_UserProfile -Filter "SID = '$sid'" -ErrorAction SilentlyContinue
    if ($null -ne $profile) { $profile | Remove-CimInstance -ErrorAction SilentlyContinue }
    return $true
}

function New-Account($spec) {
    Remove-Account $spec.Name | Out-Null
    $user = ([ADSI]"WinNT://$Computer,computer").Create('User', $spec.Name)
    $user.SetPassword($spec.Password)
    $user.SetInfo()
    $flags = [int]$user.UserFlags.Value -bor $UF_DONT_EXPIRE_PASSWD
    if ($spec.Disabled) { $flags = $flags -bor $UF_ACCOUNTDISABLE }
    $user.UserFlags = $flags
    $user.SetInfo()
    $group = [ADSI]"WinNT://$Computer/$(Get-GroupName $spec.Group),group"
    $group.Add("WinNT://$Computer/$($spec.Name),user")
    # New accounts may be put in Users by default; tb-admin is in Administrators only.
    if ($spec.Group -ne 'S-1-5-32-545') {
        $users = [ADSI]"WinNT://$Computer/$(Get-GroupName 'S-1-5-32-545'),group"
        if ($users.IsMember("WinNT://$Computer/$($spec.Name)")) { $users.Remove("WinNT://$Computer/$($spec.Name),user") }
    }
    Write-Host "conformance-accounts: created $($spec.Name) (member of $(Get-GroupName $spec.Group)$(if ($spec.Disabled) { ', disabled' }))"
}

function Restore-Policy {
    if (-not (Test-Path $StateFile)) { return }
    $state = Get-Content $StateFile -Raw | ConvertFrom-Json
    if ($state.relaxed) {
        Set-PasswordPolicy $state.MinimumPasswordLength $state.PasswordComplexity
        Write-Host "conformance-accounts: password policy restored (minimum length $($state.MinimumPasswordLength), complexity $($state.PasswordComplexity))"
    }
    $state.relaxed = $false
    $state | ConvertTo-Json | Set-Content $StateFile
}

function Remove-Scratch {
    if (Test-Path $ScratchDir) {
        & takeown.exe /f $ScratchDir /r /d y 2>&1 | Out-Null
        & icacls.exe $ScratchDir /reset /t /c /q 2>&1 | Out-Null
        Remove-Item $ScratchDir -Recurse -Force
        Write-Host "conformance-accounts: removed $ScratchDir"
    }
    if (Test-Path $ScratchKey) {
        Remove-Item $ScratchKey -Recurse -Force
        Write-Host "conformance-accounts: removed $ScratchKey"
    }
}

Assert-Administrator
if ($Action -eq 'Setup') {
    $policy = Get-PasswordPolicy
    $state = [ordered]@{
        MinimumPasswordLength = $(if ($policy.ContainsKey('MinimumPasswordLength')) { $policy['MinimumPasswordLength'] } else { 0 })
        PasswordComplexity    = $(if ($policy.ContainsKey('PasswordComplexity')) { $policy['PasswordComplexity'] } else { 0 })
        relaxed               = $true
    }
    $state | ConvertTo-Json | Set-Content $StateFile
    try {
        Set-PasswordPolicy 0 0
        foreach ($spec in $Accounts) { New-Account $spec }
    } finally {
        Restore-Policy
    }
    $missing = @($Accounts | Where-Object { $null -eq (Get-LocalAccount $_.Name) } | ForEach-Object { $_.Name })
    if ($missing.Count -gt 0) { throw "conformance-accounts: not created: $($missing -join ', ')" }
} else {
    $failures = @()
    try { Restore-Policy } catch { $failures += "policy: $($_.Exception.Message)" }
    foreach ($spec in $Accounts) {
        try {
            if (Remove-Account $spec.Name) { Write-Host "conformance-accounts: removed $($spec.Name)" }
        } catch { $failures += "$($spec.Name): $($_.Exception.Message)" }
    }
    try { Remove-Scratch } catch { $failures += "scratch: $($_.Exception.Message)" }
    if ($failures.Count -gt 0) { throw "conformance-accounts: teardown incomplete: $($failures -join '; ')" }
}
