<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="fr_FR">
<context>
    <name>AgencyScreen</name>
    <message>
        <source>Comment souhaitez-vous être aidé&#xa0;?</source>
        <translation>How would you like to get help?</translation>
    </message>
    <message>
        <source>Retour</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Parler à un conseiller en visio</source>
        <translation>Talk to an adviser by video</translation>
    </message>
    <message>
        <source>Faire ma démarche en ligne, pas à pas</source>
        <translation>Do my paperwork online, step by step</translation>
    </message>
    <message>
        <source>La borne vous guide, étape par étape.</source>
        <translation>The kiosk guides you, one step at a time.</translation>
    </message>
    <message>
        <source>Demander de l&apos;aide au médiateur</source>
        <translation>Ask the mediator for help</translation>
    </message>
    <message>
        <source>Un conseiller vous voit et vous répond, en vidéo.</source>
        <translation>An adviser sees you and answers you, on video.</translation>
    </message>
    <message>
        <source>Bientôt disponible</source>
        <translation>Coming soon</translation>
    </message>
    <message>
        <source>Le médiateur de l&apos;accueil vient vous aider.</source>
        <translation>The mediator at reception will come and help you.</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <source>Ouvert aujourd&apos;hui&#xa0;: %1.</source>
        <translation>Open today: %1.</translation>
    </message>
    <message>
        <source>Touchez l&apos;écran pour commencer</source>
        <translation>Touch the screen to start</translation>
    </message>
    <message>
        <source>Fermé aujourd&apos;hui. Prochaine ouverture&#xa0;: %1.</source>
        <translation>Closed today. Next opening: %1.</translation>
    </message>
</context>
<context>
    <name>ComingSoonScreen</name>
    <message>
        <source>Parler à un conseiller en visio</source>
        <translation>Talk to an adviser by video</translation>
    </message>
    <message>
        <source>Faire ma démarche en ligne, pas à pas</source>
        <translation>Do my paperwork online, step by step</translation>
    </message>
    <message>
        <source>Imprimer ou scanner</source>
        <translation>Print or scan</translation>
    </message>
    <message>
        <source>Bientôt disponible sur cette borne.</source>
        <translation>Coming soon to this kiosk.</translation>
    </message>
    <message>
        <source>Retour</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Demander de l&apos;aide au médiateur</source>
        <translation>Ask the mediator for help</translation>
    </message>
    <message>
        <source>En attendant, le médiateur de l&apos;accueil peut vous aider.</source>
        <translation>Until then, the mediator at reception can help you.</translation>
    </message>
</context>
<context>
    <name>GoodbyeScreen</name>
    <message>
        <source>Merci et à bientôt&#xa0;!</source>
        <translation>Thank you, see you soon!</translation>
    </message>
    <message>
        <source>Vos informations ont été effacées de cette borne.</source>
        <translation>Your information has been erased from this kiosk.</translation>
    </message>
    <message>
        <source>Revenir à l&apos;écran de départ</source>
        <translation>Go back to the start screen</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <source>Que souhaitez-vous faire&#xa0;?</source>
        <translation>What would you like to do?</translation>
    </message>
    <message>
        <source>Touchez une case.</source>
        <translation>Touch one of the boxes.</translation>
    </message>
    <message>
        <source>Imprimer ou scanner</source>
        <translation>Print or scan</translation>
    </message>
    <message>
        <source>Imprimer un document ou scanner un papier.</source>
        <translation>Print a document or scan a sheet of paper.</translation>
    </message>
    <message>
        <source>Demander de l&apos;aide au médiateur</source>
        <translation>Ask the mediator for help</translation>
    </message>
    <message>
        <source>Le médiateur de l&apos;accueil vient vous aider.</source>
        <translation>The mediator at reception will come and help you.</translation>
    </message>
</context>
<context>
    <name>IdleDialog</name>
    <message>
        <source>Êtes-vous toujours là&#xa0;?</source>
        <translation>Are you still there?</translation>
    </message>
    <message>
        <source>Sans réponse, la borne va tout effacer dans&#xa0;:</source>
        <translation>If you do not answer, the kiosk will erase everything in:</translation>
    </message>
    <message>
        <source>%1 secondes</source>
        <translation>%1 seconds</translation>
    </message>
    <message>
        <source>%1 seconde</source>
        <translation>%1 second</translation>
    </message>
    <message>
        <source>Oui, je continue</source>
        <translation>Yes, I want to continue</translation>
    </message>
    <message>
        <source>Non, terminer et effacer</source>
        <translation>No, finish and erase</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Relais – borne de services publics</source>
        <translation>Relais – public services kiosk</translation>
    </message>
</context>
<context>
    <name>MediatorHelpScreen</name>
    <message>
        <source>Retour</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Le médiateur va vous aider.</source>
        <translation>The mediator will help you.</translation>
    </message>
    <message>
        <source>Faites-lui signe, à l&apos;accueil.</source>
        <translation>Wave to them at reception.</translation>
    </message>
    <message>
        <source>Il vient vous aider ici, sur cette borne.</source>
        <translation>They will come and help you here, at this kiosk.</translation>
    </message>
</context>
<context>
    <name>SessionBar</name>
    <message>
        <source>Accueil</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>Terminer et effacer</source>
        <translation>Finish and erase</translation>
    </message>
    <message>
        <source>Texte normal</source>
        <translation>Normal text</translation>
    </message>
    <message>
        <source>Texte plus grand</source>
        <translation>Larger text</translation>
    </message>
    <message>
        <source>Texte très grand</source>
        <translation>Very large text</translation>
    </message>
    <message>
        <source>Arrêter la lecture</source>
        <translation>Stop reading</translation>
    </message>
    <message>
        <source>Écouter</source>
        <translation>Listen</translation>
    </message>
</context>
</TS>
