; Instalador de Articula para Windows (Inno Setup 6).
;
; Lo compila installer/build.py en Windows con Inno Setup 6.3 o posterior (por «x64compatible») instalado:
;   iscc /DVersion=0.1.0 installer\articula.iss
; La versión NO se escribe aquí: la única fuente es pyproject.toml, y build.py la pasa con /DVersion=…
; Antes hay que armar la carpeta de PyInstaller (dist\articula\ con articula.exe), que es lo que se instala.
;
; Dónde quedan los datos del usuario (por eso desinstalar nunca los toca):
;   Articula guarda los expedientes, los respaldos y el registro de errores fuera de la carpeta del programa,
;   en la carpeta de datos del usuario que da platformdirs («Articula», sin autor; ver nucleo/almacen/carpetas.py):
;     %LOCALAPPDATA%\Articula\expedientes\   los archivos .articula
;     %LOCALAPPDATA%\Articula\respaldos\     las copias automáticas y las de «Respaldar ahora»
;     %LOCALAPPDATA%\Articula\Logs\          articula.log
;     %LOCALAPPDATA%\Articula\Cache\         datos que se vuelven a calcular
;   (o la carpeta que indique la variable ARTICULA_DATOS). El programa se instala en {app}, que es otra carpeta
;   (%LOCALAPPDATA%\Programs\Articula para un usuario, C:\Program Files\Articula para todos), así que borrar {app}
;   no alcanza nunca a los datos. Por eso este script no tiene sección [UninstallDelete]: el desinstalador solo
;   quita lo que instaló, y un expediente es el trabajo de años de una municipalidad.

; Valores por omisión para compilar a mano; build.py los pasa con /D.
#ifndef Version
  #define Version "0.0.0"
#endif
; La carpeta que arma PyInstaller (modo una carpeta) y dónde dejar el instalador, relativas a este archivo.
#ifndef CarpetaDist
  #define CarpetaDist "..\dist\articula"
#endif
#ifndef CarpetaSalida
  #define CarpetaSalida "..\dist"
#endif

[Setup]
; El AppId identifica la instalación en Windows: NUNCA cambiarlo. Con el mismo AppId, una versión nueva se
; instala encima de la anterior (misma carpeta, mismos accesos directos) en lugar de quedar dos copias.
AppId={{CAA7B7FF-843E-44F6-A781-2B2D1BB03998}
AppName=Articula
AppVersion={#Version}
AppVerName=Articula {#Version}
AppPublisher=Articula
AppComments=Coordinación municipal de la protección social en el territorio
VersionInfoVersion={#Version}
VersionInfoDescription=Instalador de Articula
; {autopf} es «Archivos de programa» si se instala para todos y %LOCALAPPDATA%\Programs si es para un usuario.
DefaultDirName={autopf}\Articula
DefaultGroupName=Articula
DisableProgramGroupPage=yes
; Al actualizar, la carpeta que eligió el usuario la primera vez (y no se vuelve a preguntar).
UsePreviousAppDir=yes
; Por omisión se instala solo para el usuario, sin pedir permisos de administrador (la PC de la oficina suele no
; darlos); el diálogo deja elegir «para todos los usuarios» a quien sí los tiene.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
; Registra la extensión .articula: Windows debe refrescar los iconos del explorador al terminar.
ChangesAssociations=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SetupIconFile=iconos\articula.ico
UninstallDisplayIcon={app}\articula.exe
UninstallDisplayName=Articula {#Version}
OutputDir={#CarpetaSalida}
OutputBaseFilename=Articula-{#Version}-instalador
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; Si Articula está abierto al actualizar, el instalador ofrece cerrarlo (el programa guarda todo al instante).
CloseApplications=yes

[Languages]
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"

[Tasks]
; El acceso en el escritorio es opcional y viene sin marcar; el del menú Inicio se crea siempre.
Name: "escritorio"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; Todo lo que armó PyInstaller, tal cual. ignoreversion: en una actualización se reemplazan siempre.
Source: "{#CarpetaDist}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
; El icono de los documentos .articula (el del programa ya va dentro de articula.exe).
Source: "iconos\expediente.ico"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
Name: "{group}\Articula"; Filename: "{app}\articula.exe"; Comment: "Coordinación municipal de la protección social"
Name: "{autodesktop}\Articula"; Filename: "{app}\articula.exe"; Tasks: escritorio

[Registry]
; Asociación de los archivos .articula (un expediente). HKA es HKCU\Software\Classes en una instalación para un
; usuario y HKLM\Software\Classes en una para todos: nunca pide más permisos que la instalación misma.
; uninsdeletevalue/uninsdeletekey quitan solo estas claves al desinstalar; los archivos .articula no se tocan.
Root: HKA; Subkey: "Software\Classes\.articula"; ValueType: string; ValueName: ""; ValueData: "Articula.Expediente"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.articula\OpenWithProgids"; ValueType: string; ValueName: "Articula.Expediente"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Articula.Expediente"; ValueType: string; ValueName: ""; ValueData: "Expediente de Articula"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Articula.Expediente\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\expediente.ico"
Root: HKA; Subkey: "Software\Classes\Articula.Expediente\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\articula.exe"" ""%1"""
; «Abrir con» muestra el nombre y el icono del programa.
Root: HKA; Subkey: "Software\Classes\Applications\articula.exe"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "Articula"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\articula.exe\SupportedTypes"; ValueType: string; ValueName: ".articula"; ValueData: ""

[Run]
Filename: "{app}\articula.exe"; Description: "{cm:LaunchProgram,Articula}"; Flags: nowait postinstall skipifsilent

; Sin [UninstallDelete] ni [InstallDelete] a propósito: ver arriba dónde viven los datos del usuario.
