; Usta's Windows setup, built on Linux by `scripts/package` with makensis (which reads files beside this script;
; give EXE and OUTFILE as absolute paths):
;   makensis -DVERSION=0.1.0 -DEXE=...\usta.exe -DOUTFILE=...\usta-0.1.0-x86_64-setup.exe packaging/windows/usta.nsi
; Per machine (Program Files, shortcuts for every user). The shop's data lives in each user's %APPDATA%\Usta,
; which this setup never writes: an upgrade replaces the program only, and uninstalling keeps the data (the
; uninstaller says so). Silent: `setup.exe /S`, `uninstall.exe /S`.

Unicode true
; A 64-bit setup program: Usta is a 64-bit program, and a 32-bit setup would need Windows' 32-bit layer (Wine
; without wine32 cannot even start one).
Target amd64-unicode
!include "MUI2.nsh"
!include "x64.nsh"

!ifndef VERSION | EXE | OUTFILE
  !error "give -DVERSION=, -DEXE= and -DOUTFILE="
!endif
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Usta"

Name "Usta"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\Usta"
InstallDirRegKey HKLM "Software\Usta" "InstallDir"
RequestExecutionLevel admin
SetCompressor /SOLID lzma
BrandingText "Usta ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "Usta"
VIAddVersionKey /LANG=0 "FileDescription" "Usta setup"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "MIT OR Apache-2.0"

!ifdef MUI_ICON_FILE
  !define MUI_ICON "${MUI_ICON_FILE}"
  !define MUI_UNICON "${MUI_ICON_FILE}"
!endif
!define MUI_WELCOMEPAGE_TEXT "$(Welcome)"
!define MUI_FINISHPAGE_RUN "$INSTDIR\usta.exe"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!define MUI_UNCONFIRMPAGE_TEXT_TOP "$(KeepsData)"
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Russian"
!insertmacro MUI_LANGUAGE "English"

LangString Welcome ${LANG_RUSSIAN} "Программа установит кассу Usta ${VERSION} для всех пользователей компьютера.$\r$\n$\r$\nДанные магазина (база, резервные копии) хранятся в папке %APPDATA%\Usta каждого пользователя. Обновление и удаление программы их не удаляют."
LangString Welcome ${LANG_ENGLISH} "This installs the Usta point of sale ${VERSION} for every user of this computer.$\r$\n$\r$\nThe shop's data (database, backups) lives in each user's %APPDATA%\Usta folder. Upgrading or uninstalling the program never removes it."
LangString KeepsData ${LANG_RUSSIAN} "Будет удалена только программа. Данные магазина в папке %APPDATA%\Usta останутся; удалите их вручную, если они больше не нужны."
LangString KeepsData ${LANG_ENGLISH} "Only the program is removed. The shop's data in %APPDATA%\Usta is kept; delete that folder by hand if it is no longer needed."
LangString PrinterLink ${LANG_RUSSIAN} "Настройка чекового принтера"
LangString PrinterLink ${LANG_ENGLISH} "Receipt printer setup"
LangString ScannerLink ${LANG_RUSSIAN} "Настройка сканера"
LangString ScannerLink ${LANG_ENGLISH} "Scanner setup"
LangString UninstallLink ${LANG_RUSSIAN} "Удалить Usta"
LangString UninstallLink ${LANG_ENGLISH} "Uninstall Usta"

Function .onInit
  ; The 64-bit registry view, where Windows looks for a 64-bit program's uninstall entry.
  SetRegView 64
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "Usta needs 64-bit Windows 10 or later."
    Abort
  ${EndIf}
FunctionEnd

Function un.onInit
  SetRegView 64
FunctionEnd

Section "Usta"
  SetShellVarContext all
  SetOutPath "$INSTDIR"
  File "/oname=usta.exe" "${EXE}"
  File "/oname=printer-setup.txt" "printer-setup.txt"
  File "/oname=scanner-setup.txt" "scanner-setup.txt"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\Usta"
  CreateShortcut "$SMPROGRAMS\Usta\Usta.lnk" "$INSTDIR\usta.exe" "" "$INSTDIR\usta.exe" 0
  CreateShortcut "$SMPROGRAMS\Usta\$(PrinterLink).lnk" "$INSTDIR\printer-setup.txt"
  CreateShortcut "$SMPROGRAMS\Usta\$(ScannerLink).lnk" "$INSTDIR\scanner-setup.txt"
  CreateShortcut "$SMPROGRAMS\Usta\$(UninstallLink).lnk" "$INSTDIR\uninstall.exe"
  CreateShortcut "$DESKTOP\Usta.lnk" "$INSTDIR\usta.exe" "" "$INSTDIR\usta.exe" 0

  WriteRegStr HKLM "Software\Usta" "InstallDir" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "Usta"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "Usta"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\usta.exe"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Comments" "$(KeepsData)"
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetShellVarContext all
  Delete "$INSTDIR\usta.exe"
  Delete "$INSTDIR\printer-setup.txt"
  Delete "$INSTDIR\scanner-setup.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\Usta\*.lnk"
  RMDir "$SMPROGRAMS\Usta"
  Delete "$DESKTOP\Usta.lnk"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
  DeleteRegKey HKLM "Software\Usta"
  ; Never %APPDATA%\Usta: that is the shop's data.
  DetailPrint "$(KeepsData)"
SectionEnd
