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
        <source>Parler à un conseiller en visio</source>
        <translation>Talk to an adviser by video</translation>
    </message>
    <message>
        <source>Faire ma démarche en ligne, pas à pas</source>
        <translation>Do my paperwork online, step by step</translation>
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
    <message>
        <source>La borne vous guide, étape par étape, sur le site officiel.</source>
        <translation>The kiosk guides you, step by step, on the official website.</translation>
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
    <name>BeforeStartScreen</name>
    <message>
        <source>Avant de commencer, préparez :</source>
        <translation>Before you start, have at hand:</translation>
    </message>
    <message>
        <source>Commencer</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Il vous manque quelque chose ? Le médiateur de l&apos;accueil peut vous aider.</source>
        <translation>Something missing? The mediator at the desk can help you.</translation>
    </message>
    <message numerus="yes">
        <source>Cela prend environ %n minutes.</source>
        <translation>
            <numerusform>It takes about %n minute.</numerusform>
            <numerusform>It takes about %n minutes.</numerusform>
        </translation>
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
    <name>CopiesStepper</name>
    <message>
        <source>Un exemplaire de moins</source>
        <translation>One copy fewer</translation>
    </message>
    <message>
        <source>Un exemplaire de plus</source>
        <translation>One copy more</translation>
    </message>
    <message numerus="yes">
        <source>%n exemplaires</source>
        <translation>
            <numerusform>%n copy</numerusform>
            <numerusform>%n copies</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CountGrid</name>
    <message>
        <source>Clôturée (version %1), pas encore envoyée</source>
        <translation>Closed (version %1), not sent yet</translation>
    </message>
    <message>
        <source>Clôturée, pas encore envoyée</source>
        <translation>Closed, not sent yet</translation>
    </message>
    <message>
        <source>Envoyée (version %1)</source>
        <translation>Sent (version %1)</translation>
    </message>
    <message>
        <source>Envoyée</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Correction en cours</source>
        <translation>Being corrected</translation>
    </message>
    <message>
        <source>Ouverte</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Semaine précédente</source>
        <translation>Previous week</translation>
    </message>
    <message>
        <source>Semaine %1, du %2 au %3</source>
        <translation>Week %1, %2 to %3</translation>
    </message>
    <message>
        <source>Semaine suivante</source>
        <translation>Next week</translation>
    </message>
    <message>
        <source>Clôturer la correction</source>
        <translation>Close the correction</translation>
    </message>
    <message>
        <source>Clôturer la semaine</source>
        <translation>Close the week</translation>
    </message>
    <message>
        <source>Corriger</source>
        <translation>Correct</translation>
    </message>
    <message>
        <source>Touchez une case pour saisir le comptage de l&apos;accueil.</source>
        <translation>Touch a cell to enter the desk&apos;s count.</translation>
    </message>
    <message>
        <source>Un de moins</source>
        <translation>One less</translation>
    </message>
    <message>
        <source>Un de plus</source>
        <translation>One more</translation>
    </message>
    <message>
        <source>Semaine clôturée&#xa0;: touchez «&#xa0;Corriger&#xa0;» pour la modifier.</source>
        <translation>Week closed: touch “Correct” to change it.</translation>
    </message>
    <message>
        <source>Gris&#xa0;: cette borne. Gras&#xa0;: accueil.</source>
        <translation>Grey: this kiosk. Bold: desk.</translation>
    </message>
    <message>
        <source>%1&#xa0;: borne %2, accueil</source>
        <translation>%1: kiosk %2, desk</translation>
    </message>
    <message>
        <source>Close sur la borne «&#xa0;%1&#xa0;»</source>
        <translation>Closed on kiosk “%1”</translation>
    </message>
    <message>
        <source>Clôture refusée par l&apos;observatoire</source>
        <translation>Closing refused by the observatory</translation>
    </message>
    <message>
        <source>Semaine close sur une autre borne&#xa0;: touchez «&#xa0;Corriger cette clôture&#xa0;» pour la modifier.</source>
        <translation>Week closed on another kiosk: touch “Correct this closing” to change it.</translation>
    </message>
</context>
<context>
    <name>CropFrame</name>
    <message>
        <source>Coin en haut à gauche du cadre</source>
        <translation>Top-left corner of the frame</translation>
    </message>
    <message>
        <source>Coin en bas à droite du cadre</source>
        <translation>Bottom-right corner of the frame</translation>
    </message>
</context>
<context>
    <name>DeviceStatus</name>
    <message>
        <source>Vérification de l&apos;imprimante…</source>
        <translation>Checking the printer…</translation>
    </message>
    <message>
        <source>Recherche des scanners…</source>
        <translation>Looking for scanners…</translation>
    </message>
    <message>
        <source>Aucun scanner n&apos;est branché.</source>
        <translation>No scanner is plugged in.</translation>
    </message>
    <message>
        <source>Imprimante « %1 »</source>
        <translation>Printer “%1”</translation>
    </message>
    <message>
        <source>Imprimante</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <source>Vérifier à nouveau</source>
        <translation>Check again</translation>
    </message>
    <message numerus="yes">
        <source>%n scanners sont prêts&#xa0;: %1.</source>
        <translation>
            <numerusform>%n scanner is ready: %1.</numerusform>
            <numerusform>%n scanners are ready: %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EnrollmentPage</name>
    <message>
        <source>Cette borne est inscrite</source>
        <translation>This kiosk is enrolled</translation>
    </message>
    <message>
        <source>Inscrire cette borne</source>
        <translation>Enrol this kiosk</translation>
    </message>
    <message>
        <source>La borne est inscrite.</source>
        <translation>The kiosk is enrolled.</translation>
    </message>
    <message>
        <source>Le certificat de la borne est renouvelé.</source>
        <translation>The kiosk&apos;s certificate has been renewed.</translation>
    </message>
    <message>
        <source>Ce code a déjà servi.</source>
        <translation>This code has already been used.</translation>
    </message>
    <message>
        <source>Ce code a expiré.</source>
        <translation>This code has expired.</translation>
    </message>
    <message>
        <source>Ce code n&apos;est pas reconnu.</source>
        <translation>This code is not recognised.</translation>
    </message>
    <message>
        <source>L&apos;observatoire ne répond pas.</source>
        <translation>The observatory does not answer.</translation>
    </message>
    <message>
        <source>Ce serveur n&apos;est pas l&apos;observatoire attendu.</source>
        <translation>This server is not the expected observatory.</translation>
    </message>
    <message>
        <source>Cette adresse n&apos;est pas valable.</source>
        <translation>This address is not valid.</translation>
    </message>
    <message>
        <source>Il manque le certificat de l&apos;observatoire.</source>
        <translation>The observatory&apos;s certificate is missing.</translation>
    </message>
    <message>
        <source>Cette borne a été retirée du réseau.</source>
        <translation>This kiosk has been removed from the network.</translation>
    </message>
    <message>
        <source>Le certificat de la borne a expiré.</source>
        <translation>The kiosk&apos;s certificate has expired.</translation>
    </message>
    <message>
        <source>L&apos;observatoire a refusé l&apos;inscription.</source>
        <translation>The observatory refused the enrolment.</translation>
    </message>
    <message>
        <source>Elle envoie maintenant ses comptages à l&apos;observatoire. Vous n&apos;avez rien d&apos;autre à faire.</source>
        <translation>It now sends its counts to the observatory. There is nothing else to do.</translation>
    </message>
    <message>
        <source>Demandez un nouveau code à l&apos;administrateur de l&apos;observatoire.</source>
        <translation>Ask the observatory&apos;s administrator for a new code.</translation>
    </message>
    <message>
        <source>Vérifiez le code lettre par lettre, puis réessayez.</source>
        <translation>Check the code letter by letter, then try again.</translation>
    </message>
    <message>
        <source>Vérifiez l&apos;adresse et la connexion à internet, puis réessayez.</source>
        <translation>Check the address and the internet connection, then try again.</translation>
    </message>
    <message>
        <source>Rien n&apos;a été envoyé. Vérifiez l&apos;adresse et prévenez l&apos;administrateur de l&apos;observatoire.</source>
        <translation>Nothing was sent. Check the address and tell the observatory&apos;s administrator.</translation>
    </message>
    <message>
        <source>Tapez l&apos;adresse donnée par l&apos;administrateur, par exemple : observatoire.example.fr</source>
        <translation>Type the address the administrator gave you, for example: observatoire.example.fr</translation>
    </message>
    <message>
        <source>Inscrivez la borne de nouveau avec un nouveau code.</source>
        <translation>Enrol the kiosk again with a new code.</translation>
    </message>
    <message>
        <source>Prévenez l&apos;administrateur de l&apos;observatoire.</source>
        <translation>Tell the observatory&apos;s administrator.</translation>
    </message>
    <message>
        <source>D&apos;accord</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Réessayer</source>
        <translation>Try again</translation>
    </message>
    <message>
        <source>Inscription en cours… Patientez quelques secondes.</source>
        <translation>Enrolling… Please wait a few seconds.</translation>
    </message>
    <message>
        <source>Le certificat de la borne a expiré le %1. Elle n&apos;envoie plus rien : inscrivez-la de nouveau avec un nouveau code.</source>
        <translation>The kiosk&apos;s certificate expired on %1. It no longer sends anything: enrol it again with a new code.</translation>
    </message>
    <message>
        <source>Nom de la borne : %1. Son certificat est valable jusqu&apos;au %2 ; il se renouvelle tout seul.</source>
        <translation>Kiosk name: %1. Its certificate is valid until %2; it renews itself.</translation>
    </message>
    <message>
        <source>Inscrire de nouveau</source>
        <translation>Enrol again</translation>
    </message>
    <message>
        <source>L&apos;administrateur de l&apos;observatoire vous a donné une adresse et un code. Tapez-les ci-dessous.</source>
        <translation>The observatory&apos;s administrator gave you an address and a code. Type them below.</translation>
    </message>
    <message>
        <source>Adresse de l&apos;observatoire</source>
        <translation>Observatory address</translation>
    </message>
    <message>
        <source>observatoire.example.fr</source>
        <translation>observatoire.example.fr</translation>
    </message>
    <message>
        <source>Code d&apos;inscription</source>
        <translation>Enrolment code</translation>
    </message>
    <message>
        <source>Inscrire la borne</source>
        <translation>Enrol the kiosk</translation>
    </message>
    <message>
        <source>L&apos;administrateur de l&apos;observatoire vous a donné une adresse et un code. Montrez son QR code à la caméra, ou tapez-les ci-dessous.</source>
        <translation>The observatory&apos;s administrator gave you an address and a code. Show their QR code to the camera, or type them below.</translation>
    </message>
    <message>
        <source>Lire le QR code</source>
        <translation>Read the QR code</translation>
    </message>
    <message>
        <source>La caméra ne répond pas. Tapez l&apos;adresse et le code ci-dessous.</source>
        <translation>The camera does not answer. Type the address and the code below.</translation>
    </message>
    <message>
        <source>Ce QR code n&apos;est pas un code d&apos;inscription Relais. Montrez celui de l&apos;administrateur.</source>
        <translation>This QR code is not a Relais enrolment code. Show the administrator&apos;s one.</translation>
    </message>
    <message>
        <source>Tenez le QR code devant la caméra, à une vingtaine de centimètres.</source>
        <translation>Hold the QR code in front of the camera, about 20 centimetres away.</translation>
    </message>
    <message>
        <source>Code lu. Vérifiez l&apos;adresse, puis touchez « Inscrire la borne ».</source>
        <translation>Code read. Check the address, then touch “Enrol the kiosk”.</translation>
    </message>
    <message>
        <source>Arrêter la caméra</source>
        <translation>Stop the camera</translation>
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
    <name>GuidePanel</name>
    <message>
        <source>Retour</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Étape %1 sur %2</source>
        <translation>Step %1 of %2</translation>
    </message>
    <message>
        <source>Étape suivante</source>
        <translation>Next step</translation>
    </message>
    <message>
        <source>Étape précédente</source>
        <translation>Previous step</translation>
    </message>
    <message>
        <source>J&apos;ai besoin d&apos;aide</source>
        <translation>I need help</translation>
    </message>
    <message>
        <source>Document reçu : %1</source>
        <translation>Document received: %1</translation>
    </message>
</context>
<context>
    <name>GuideScreen</name>
    <message>
        <source>Chargement de la page…</source>
        <translation>Loading the page…</translation>
    </message>
    <message>
        <source>Étape %1 sur %2.</source>
        <translation>Step %1 of %2.</translation>
    </message>
</context>
<context>
    <name>HelpKindLabel</name>
    <message>
        <source>Information</source>
        <translation>Information</translation>
    </message>
    <message>
        <source>Démarche en ligne</source>
        <translation>Online procedure</translation>
    </message>
    <message>
        <source>Visio</source>
        <translation>Video call</translation>
    </message>
    <message>
        <source>Orientation</source>
        <translation>Referral</translation>
    </message>
    <message>
        <source>Accès à internet</source>
        <translation>Internet access</translation>
    </message>
    <message>
        <source>Impression, scan</source>
        <translation>Printing, scanning</translation>
    </message>
    <message>
        <source>Aide du médiateur</source>
        <translation>Mediator&apos;s help</translation>
    </message>
</context>
<context>
    <name>HelpScreen</name>
    <message>
        <source>Retour</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Le médiateur va vous aider.</source>
        <translation>The mediator will help you.</translation>
    </message>
</context>
<context>
    <name>HelpWords</name>
    <message>
        <source>J&apos;appelle le médiateur…</source>
        <translation>Calling the mediator…</translation>
    </message>
    <message>
        <source>Le médiateur est prévenu. Il vient vous aider ici.</source>
        <translation>The mediator has been told. They will come and help you here.</translation>
    </message>
    <message>
        <source>%1 arrive. Restez devant la borne.</source>
        <translation>%1 is on the way. Please stay at the kiosk.</translation>
    </message>
    <message>
        <source>Le médiateur arrive. Restez devant la borne.</source>
        <translation>The mediator is on the way. Please stay at the kiosk.</translation>
    </message>
    <message>
        <source>Faites signe au médiateur, à l&apos;accueil. Il vient vous aider ici.</source>
        <translation>Wave to the mediator at the front desk. They will come and help you here.</translation>
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
    <message>
        <source>Chercher une démarche</source>
        <translation>Find a procedure</translation>
    </message>
    <message>
        <source>Écrivez un mot, par exemple « carte vitale » ou « retraite ».</source>
        <translation>Type a word, for example “pension” or “Carte Vitale”.</translation>
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
        <source>Oui, je continue</source>
        <translation>Yes, I want to continue</translation>
    </message>
    <message>
        <source>Non, terminer et effacer</source>
        <translation>No, finish and erase</translation>
    </message>
    <message numerus="yes">
        <source>%n secondes</source>
        <translation>
            <numerusform>%n second</numerusform>
            <numerusform>%n seconds</numerusform>
        </translation>
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
    <name>MediatorMenu</name>
    <message>
        <source>Comptage de la semaine</source>
        <translation>This week&apos;s count</translation>
    </message>
    <message>
        <source>Semaines passées</source>
        <translation>Past weeks</translation>
    </message>
    <message>
        <source>Avis des usagers</source>
        <translation>Residents&apos; opinions</translation>
    </message>
    <message>
        <source>Imprimante et scanner</source>
        <translation>Printer and scanner</translation>
    </message>
    <message>
        <source>Envois</source>
        <translation>Sending</translation>
    </message>
    <message>
        <source>Inscription de la borne</source>
        <translation>Kiosk enrolment</translation>
    </message>
    <message>
        <source>Inscrire cette borne</source>
        <translation>Enrol this kiosk</translation>
    </message>
    <message>
        <source>Pages&#xa0;: %1</source>
        <translation>Pages: %1</translation>
    </message>
    <message>
        <source>Changer de page. Page affichée&#xa0;: %1</source>
        <translation>Change page. Page shown: %1</translation>
    </message>
    <message>
        <source>Quitter le mode médiateur</source>
        <translation>Leave mediator mode</translation>
    </message>
</context>
<context>
    <name>MediatorOverlay</name>
    <message>
        <source>Le certificat de la borne a expiré : elle n&apos;envoie plus rien. Ouvrez « Inscrire cette borne ».</source>
        <translation>The kiosk&apos;s certificate has expired: it no longer sends anything. Open “Enrol this kiosk”.</translation>
    </message>
</context>
<context>
    <name>PageButtons</name>
    <message>
        <source>Page précédente</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <source>Page %1 sur %2</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message>
        <source>Page suivante</source>
        <translation>Next page</translation>
    </message>
</context>
<context>
    <name>PageHeader</name>
    <message>
        <source>Retour</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>PastWeeks</name>
    <message>
        <source>Semaine %1, du %2 au %3</source>
        <translation>Week %1, %2 to %3</translation>
    </message>
    <message>
        <source>Clôturée</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Envoyée</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Correction en cours</source>
        <translation>Being corrected</translation>
    </message>
    <message>
        <source>Ouverte</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Voir</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>Close sur «&#xa0;%1&#xa0;»</source>
        <translation>Closed on “%1”</translation>
    </message>
    <message>
        <source>Refusée</source>
        <translation>Refused</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>Trop d&apos;essais. Réessayez dans %1 min.</source>
        <translation>Too many tries. Try again in %1 min.</translation>
    </message>
    <message>
        <source>Aucun code n&apos;est configuré pour cette borne.</source>
        <translation>No code is set up for this kiosk.</translation>
    </message>
    <message>
        <source>Effacer un chiffre</source>
        <translation>Erase a digit</translation>
    </message>
    <message>
        <source>Valider le code</source>
        <translation>Confirm the code</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Code incorrect. Essais restants&#xa0;: %1.</source>
        <translation>Wrong code. Tries left: %1.</translation>
    </message>
    <message>
        <source>Mode médiateur&#xa0;: tapez votre code</source>
        <translation>Mediator mode: type your code</translation>
    </message>
</context>
<context>
    <name>PrintPreview</name>
    <message>
        <source>Préparation de l&apos;aperçu…</source>
        <translation>Preparing the preview…</translation>
    </message>
    <message>
        <source>Ce document ne peut être ni affiché ni imprimé.</source>
        <translation>This document can be neither shown nor printed.</translation>
    </message>
    <message>
        <source>Envoi à l&apos;imprimante…</source>
        <translation>Sending to the printer…</translation>
    </message>
    <message>
        <source>En attente : %1</source>
        <translation>Waiting: %1</translation>
    </message>
    <message>
        <source>En attente de l&apos;imprimante…</source>
        <translation>Waiting for the printer…</translation>
    </message>
    <message>
        <source>Impression en cours… Vos feuilles arrivent.</source>
        <translation>Printing… Your pages are coming.</translation>
    </message>
    <message>
        <source>Terminé. Prenez vos feuilles dans l&apos;imprimante.</source>
        <translation>Done. Take your pages from the printer.</translation>
    </message>
    <message>
        <source>Erreur : %1</source>
        <translation>Error: %1</translation>
    </message>
    <message>
        <source>l&apos;impression n&apos;a pas pu se faire.</source>
        <translation>the document could not be printed.</translation>
    </message>
    <message>
        <source>Aperçu avant impression</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <source>Page %1 sur %2.</source>
        <translation>Page %1 of %2.</translation>
    </message>
    <message>
        <source>Nombre d&apos;exemplaires : %1.</source>
        <translation>Number of copies: %1.</translation>
    </message>
    <message>
        <source>Nombre d&apos;exemplaires</source>
        <translation>Number of copies</translation>
    </message>
    <message>
        <source>Imprimer encore</source>
        <translation>Print again</translation>
    </message>
    <message>
        <source>Imprimer</source>
        <translation>Print</translation>
    </message>
</context>
<context>
    <name>PrintScreen</name>
    <message>
        <source>Imprimer ou scanner</source>
        <translation>Print or scan</translation>
    </message>
    <message>
        <source>Les documents que vous téléchargez pendant une démarche, ou que le conseiller vous envoie en visio, apparaissent ici pour les imprimer.</source>
        <translation>The documents you download during a procedure, or that the adviser sends you in a video call, appear here, ready to print.</translation>
    </message>
    <message>
        <source>Scanner ou photocopier un papier</source>
        <translation>Scan or copy a paper</translation>
    </message>
    <message>
        <source>Posez votre papier sur le scanner. Vous pourrez l&apos;imprimer.</source>
        <translation>Put your paper on the scanner. You can then print it.</translation>
    </message>
    <message>
        <source>Imprimer « %1 »</source>
        <translation>Print “%1”</translation>
    </message>
    <message>
        <source>Un document de votre visite.</source>
        <translation>A document from your visit.</translation>
    </message>
</context>
<context>
    <name>PrintWords</name>
    <message>
        <source>Le médiateur de l&apos;accueil peut vous aider.</source>
        <translation>The mediator at reception can help you.</translation>
    </message>
    <message>
        <source>L&apos;imprimante est en train d&apos;imprimer.</source>
        <translation>The printer is printing.</translation>
    </message>
    <message>
        <source>L&apos;imprimante est prête.</source>
        <translation>The printer is ready.</translation>
    </message>
    <message>
        <source>L&apos;imprimante ne répond pas.</source>
        <translation>The printer is not answering.</translation>
    </message>
    <message>
        <source>Aucune imprimante n&apos;est installée.</source>
        <translation>No printer is set up.</translation>
    </message>
    <message>
        <source>L&apos;imprimante est hors ligne : elle est peut-être éteinte ou débranchée.</source>
        <translation>The printer is offline: it may be switched off or unplugged.</translation>
    </message>
    <message>
        <source>Il n&apos;y a plus de papier dans l&apos;imprimante.</source>
        <translation>The printer is out of paper.</translation>
    </message>
    <message>
        <source>Une feuille est coincée dans l&apos;imprimante.</source>
        <translation>A sheet is stuck in the printer.</translation>
    </message>
    <message>
        <source>L&apos;imprimante n&apos;a plus d&apos;encre.</source>
        <translation>The printer is out of ink.</translation>
    </message>
    <message>
        <source>Une porte de l&apos;imprimante est ouverte.</source>
        <translation>A door of the printer is open.</translation>
    </message>
    <message>
        <source>L&apos;imprimante est arrêtée.</source>
        <translation>The printer is stopped.</translation>
    </message>
    <message>
        <source>L&apos;imprimante ne prend pas de documents pour le moment.</source>
        <translation>The printer is not taking documents at the moment.</translation>
    </message>
    <message>
        <source>L&apos;imprimante a un problème.</source>
        <translation>The printer has a problem.</translation>
    </message>
    <message>
        <source>Le scanner ne répond pas : il est peut-être éteint ou débranché.</source>
        <translation>The scanner is not answering: it may be switched off or unplugged.</translation>
    </message>
    <message>
        <source>Le scanner est occupé. Réessayez dans un instant.</source>
        <translation>The scanner is busy. Try again in a moment.</translation>
    </message>
    <message>
        <source>Il n&apos;y a pas de papier dans le chargeur du scanner.</source>
        <translation>There is no paper in the scanner&apos;s feeder.</translation>
    </message>
    <message>
        <source>Une feuille est coincée dans le scanner.</source>
        <translation>A sheet is stuck in the scanner.</translation>
    </message>
    <message>
        <source>Le capot du scanner est ouvert.</source>
        <translation>The scanner&apos;s lid is open.</translation>
    </message>
    <message>
        <source>Le scan a été arrêté.</source>
        <translation>The scan was stopped.</translation>
    </message>
    <message>
        <source>Le scan n&apos;a pas pu être enregistré.</source>
        <translation>The scan could not be saved.</translation>
    </message>
    <message>
        <source>Le scan n&apos;a pas marché.</source>
        <translation>The scan did not work.</translation>
    </message>
</context>
<context>
    <name>ProcedureListScreen</name>
    <message>
        <source>Quelle démarche voulez-vous faire ?</source>
        <translation>Which procedure do you want to do?</translation>
    </message>
    <message>
        <source>Chercher une autre démarche</source>
        <translation>Find another procedure</translation>
    </message>
    <message>
        <source>Écrivez un mot, par exemple « carte vitale ».</source>
        <translation>Type a word, for example “Carte Vitale”.</translation>
    </message>
    <message numerus="yes">
        <source>Environ %n minutes.</source>
        <translation>
            <numerusform>About %n minute.</numerusform>
            <numerusform>About %n minutes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RefusalNotice</name>
    <message>
        <source>Cette page ne fait pas partie de la démarche. La borne ne l&apos;ouvre pas.</source>
        <translation>This page is not part of the procedure. The kiosk does not open it.</translation>
    </message>
    <message>
        <source>Ce fichier ne peut pas être ouvert sur la borne. Seuls les documents PDF sont acceptés.</source>
        <translation>This file cannot be opened on the kiosk. Only PDF documents are accepted.</translation>
    </message>
    <message>
        <source>Vous pouvez continuer votre démarche là où vous étiez.</source>
        <translation>You can carry on with your procedure where you were.</translation>
    </message>
    <message>
        <source>Revenir à la démarche</source>
        <translation>Back to the procedure</translation>
    </message>
</context>
<context>
    <name>ScanScreen</name>
    <message>
        <source>Recherche du scanner…</source>
        <translation>Looking for the scanner…</translation>
    </message>
    <message>
        <source>Aucun scanner n&apos;est branché.</source>
        <translation>No scanner is plugged in.</translation>
    </message>
    <message>
        <source>Aperçu en cours… Ne bougez pas le papier.</source>
        <translation>Making the preview… Do not move the paper.</translation>
    </message>
    <message>
        <source>Scan en cours… Ne bougez pas le papier.</source>
        <translation>Scanning… Do not move the paper.</translation>
    </message>
    <message>
        <source>Déplacez les ronds pour garder seulement une partie du papier.</source>
        <translation>Move the circles to keep only part of the paper.</translation>
    </message>
    <message>
        <source>Voici votre papier. Vous pouvez le tourner ou le recadrer.</source>
        <translation>Here is your paper. You can turn it or crop it.</translation>
    </message>
    <message>
        <source>Posez votre papier sur la vitre du scanner, face écrite vers le bas, puis fermez le capot.</source>
        <translation>Put your paper on the scanner&apos;s glass, written side down, then close the lid.</translation>
    </message>
    <message>
        <source>Scanner un papier</source>
        <translation>Scan a paper</translation>
    </message>
    <message>
        <source>Réessayer</source>
        <translation>Try again</translation>
    </message>
    <message>
        <source>Voir l&apos;aperçu</source>
        <translation>Show the preview</translation>
    </message>
    <message>
        <source>Chercher à nouveau</source>
        <translation>Look again</translation>
    </message>
    <message>
        <source>Tourner</source>
        <translation>Turn</translation>
    </message>
    <message>
        <source>Valider le cadre</source>
        <translation>Keep this frame</translation>
    </message>
    <message>
        <source>Recadrer</source>
        <translation>Crop</translation>
    </message>
    <message>
        <source>Imprimer</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>Envoyer au conseiller</source>
        <translation>Send to the adviser</translation>
    </message>
    <message>
        <source>Recommencer</source>
        <translation>Start again</translation>
    </message>
</context>
<context>
    <name>SearchScreen</name>
    <message>
        <source>Chercher une démarche.</source>
        <translation>Find a procedure.</translation>
    </message>
    <message>
        <source>Écrivez un mot, ou touchez un exemple.</source>
        <translation>Type a word, or touch an example.</translation>
    </message>
    <message>
        <source>Chercher une démarche</source>
        <translation>Find a procedure</translation>
    </message>
    <message>
        <source>carte vitale</source>
        <translation>Carte Vitale</translation>
    </message>
    <message>
        <source>retraite</source>
        <translation>pension</translation>
    </message>
    <message>
        <source>impôts</source>
        <translation>tax</translation>
    </message>
    <message>
        <source>CAF</source>
        <translation>CAF</translation>
    </message>
    <message>
        <source>carte d&apos;identité</source>
        <translation>ID card</translation>
    </message>
    <message>
        <source>Aucune démarche ne correspond. Essayez un autre mot, ou demandez au médiateur.</source>
        <translation>No procedure matches. Try another word, or ask the mediator.</translation>
    </message>
    <message numerus="yes">
        <source>%n démarches trouvées.</source>
        <translation>
            <numerusform>%n procedure found.</numerusform>
            <numerusform>%n procedures found.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Environ %n minutes.</source>
        <translation>
            <numerusform>About %n minute.</numerusform>
            <numerusform>About %n minutes.</numerusform>
        </translation>
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
    <message>
        <source>Plus</source>
        <translation>More</translation>
    </message>
    <message>
        <source>Plus&#xa0;: taille du texte et langue</source>
        <translation>More: text size and language</translation>
    </message>
    <message>
        <source>Taille du texte</source>
        <translation>Text size</translation>
    </message>
    <message>
        <source>Langue</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Arrêter</source>
        <translation>Stop</translation>
    </message>
</context>
<context>
    <name>SiteWeekNotice</name>
    <message>
        <source>Semaine corrigée %1 sur la borne «&#xa0;%2&#xa0;» (version %3).</source>
        <translation>Week corrected %1 on kiosk “%2” (version %3).</translation>
    </message>
    <message>
        <source>Semaine close %1 sur la borne «&#xa0;%2&#xa0;».</source>
        <translation>Week closed %1 on kiosk “%2”.</translation>
    </message>
    <message>
        <source>Correction de la clôture faite sur la borne «&#xa0;%1&#xa0;».</source>
        <translation>Correcting the closing made on kiosk “%1”.</translation>
    </message>
    <message>
        <source>L&apos;observatoire a refusé la clôture faite sur cette borne.</source>
        <translation>The observatory refused the closing made on this kiosk.</translation>
    </message>
    <message>
        <source>Impossible de vérifier si la semaine est déjà close sur une autre borne.</source>
        <translation>Could not check whether the week is already closed on another kiosk.</translation>
    </message>
    <message>
        <source>Vérification auprès de l&apos;observatoire…</source>
        <translation>Checking with the observatory…</translation>
    </message>
    <message>
        <source>Cette borne ne peut pas reprendre les chiffres de cette clôture&#xa0;: corrigez-la sur la borne «&#xa0;%1&#xa0;».</source>
        <translation>This kiosk cannot take over the figures of this closing: correct it on kiosk “%1”.</translation>
    </message>
    <message>
        <source>La clôture faite ensuite sur cette borne a été refusée et n&apos;est pas comptée.</source>
        <translation>The closing made afterwards on this kiosk was refused and is not counted.</translation>
    </message>
    <message>
        <source>En gras, les chiffres de l&apos;accueil de cette clôture. Ne clôturez pas la semaine une seconde fois&#xa0;: pour changer ces chiffres, corrigez cette clôture.</source>
        <translation>In bold, the desk figures of this closing. Do not close the week a second time: to change these figures, correct this closing.</translation>
    </message>
    <message>
        <source>Les chiffres de l&apos;accueil sont repris de cette clôture. Votre correction la remplacera.</source>
        <translation>The desk figures are taken from this closing. Your correction will replace it.</translation>
    </message>
    <message>
        <source>La semaine était sans doute déjà close sur une autre borne. Vérifiez à nouveau quand l&apos;observatoire répond.</source>
        <translation>The week was probably already closed on another kiosk. Check again when the observatory answers.</translation>
    </message>
    <message>
        <source>L&apos;observatoire ne répond pas. Si la semaine est déjà close ailleurs, une seconde clôture sera refusée et gardée de côté.</source>
        <translation>The observatory does not answer. If the week is already closed elsewhere, a second closing will be refused and kept aside.</translation>
    </message>
    <message>
        <source>Corriger cette clôture</source>
        <translation>Correct this closing</translation>
    </message>
    <message>
        <source>Vérifier à nouveau</source>
        <translation>Check again</translation>
    </message>
</context>
<context>
    <name>SurveyQuestion</name>
    <message>
        <source>N&apos;écrivez pas votre nom, votre adresse, votre numéro ni rien qui permette de vous reconnaître.</source>
        <translation>Do not write your name, address, phone number or anything that could identify you.</translation>
    </message>
    <message>
        <source>Valider</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>0&#xa0;: pas du tout satisfait. 10&#xa0;: tout à fait satisfait.</source>
        <translation>0: not satisfied at all. 10: completely satisfied.</translation>
    </message>
    <message>
        <source>Vous pouvez toucher plusieurs réponses, puis «&#xa0;Valider&#xa0;».</source>
        <translation>You can touch several answers, then “Confirm”.</translation>
    </message>
</context>
<context>
    <name>SurveyResults</name>
    <message>
        <source>Réponses des 8 dernières semaines.</source>
        <translation>Answers of the last 8 weeks.</translation>
    </message>
    <message numerus="yes">
        <source>(%n réponses)</source>
        <translation>
            <numerusform>(%n answer)</numerusform>
            <numerusform>(%n answers)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SurveyScreen</name>
    <message>
        <source>L&apos;appel est terminé. Votre avis nous intéresse.</source>
        <translation>The call has ended. We would like your opinion.</translation>
    </message>
    <message>
        <source>Avant de partir, votre avis nous intéresse.</source>
        <translation>Before you go, we would like your opinion.</translation>
    </message>
    <message>
        <source>Quelques questions, moins d&apos;une minute.</source>
        <translation>A few questions, less than a minute.</translation>
    </message>
    <message>
        <source>Donner mon avis</source>
        <translation>Give my opinion</translation>
    </message>
    <message>
        <source>Non merci, terminer</source>
        <translation>No thanks, finish</translation>
    </message>
    <message>
        <source>Non merci</source>
        <translation>No thanks</translation>
    </message>
    <message>
        <source>Question %1 sur %2</source>
        <translation>Question %1 of %2</translation>
    </message>
    <message>
        <source>Passer</source>
        <translation>Skip</translation>
    </message>
    <message>
        <source>Terminer</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>Retour à l&apos;accueil</source>
        <translation>Back to the home screen</translation>
    </message>
    <message>
        <source>Vos réponses sont anonymes&#xa0;: personne ne saura qui a répondu.</source>
        <translation>Your answers are anonymous: nobody will know who answered.</translation>
    </message>
    <message>
        <source>Merci pour votre avis&#xa0;!</source>
        <translation>Thank you for your opinion!</translation>
    </message>
</context>
<context>
    <name>SyncState</name>
    <message>
        <source>Cette borne n&apos;envoie rien : aucun observatoire n&apos;est configuré.</source>
        <translation>This kiosk sends nothing: no observatory is configured.</translation>
    </message>
    <message>
        <source>Premier envoi en préparation…</source>
        <translation>Getting ready for the first sending…</translation>
    </message>
    <message>
        <source>Dernier problème&#xa0;: %1</source>
        <translation>Last problem: %1</translation>
    </message>
    <message>
        <source>Les comptages, les avis et le journal partent tout seuls dès que l&apos;observatoire répond. Rien n&apos;est perdu en attendant.</source>
        <translation>Counts, opinions and the journal go out by themselves as soon as the observatory answers. Nothing is lost in the meantime.</translation>
    </message>
</context>
<context>
    <name>SyncStatusText</name>
    <message>
        <source>%1 h</source>
        <translation>%1:00</translation>
    </message>
    <message>
        <source>%1 h %2</source>
        <translation>%1:%2</translation>
    </message>
    <message>
        <source>aujourd&apos;hui à %1</source>
        <translation>today at %1</translation>
    </message>
    <message>
        <source>hier à %1</source>
        <translation>yesterday at %1</translation>
    </message>
    <message>
        <source>le %1 à %2</source>
        <translation>on %1 at %2</translation>
    </message>
    <message>
        <source>d MMMM</source>
        <translation>MMMM d</translation>
    </message>
    <message>
        <source>Tout est envoyé.</source>
        <translation>Everything has been sent.</translation>
    </message>
    <message>
        <source>dernier envoi %1</source>
        <translation>last sent %1</translation>
    </message>
    <message>
        <source>aucun envoi pour l&apos;instant</source>
        <translation>nothing sent yet</translation>
    </message>
    <message>
        <source>Rien à envoyer, %1.</source>
        <translation>Nothing to send, %1.</translation>
    </message>
    <message>
        <source>L&apos;observatoire ne répond pas&#xa0;: la connexion à internet est peut-être coupée. La borne réessaie toute seule.</source>
        <translation>The observatory does not answer: the internet connection may be down. The kiosk tries again by itself.</translation>
    </message>
    <message>
        <source>L&apos;observatoire répond trop lentement. La borne réessaie toute seule.</source>
        <translation>The observatory answers too slowly. The kiosk tries again by itself.</translation>
    </message>
    <message>
        <source>La connexion sécurisée avec l&apos;observatoire a échoué (certificat). Prévenez l&apos;assistance si cela dure.</source>
        <translation>The secure connection with the observatory failed (certificate). Tell support if it goes on.</translation>
    </message>
    <message>
        <source>Cette borne n&apos;est pas encore inscrite auprès de l&apos;observatoire : ouvrez « Inscrire cette borne ».</source>
        <translation>This kiosk is not enrolled with the observatory yet: open “Enrol this kiosk”.</translation>
    </message>
    <message>
        <source>L&apos;observatoire ne reconnaît pas le certificat de cette borne : il faut l&apos;inscrire de nouveau.</source>
        <translation>The observatory does not recognise this kiosk&apos;s certificate: it must be enrolled again.</translation>
    </message>
    <message>
        <source>Cette borne a été inscrite de nouveau depuis&#xa0;: son certificat n&apos;est plus le bon. Inscrivez-la avec un nouveau jeton («&#xa0;Inscrire cette borne&#xa0;»).</source>
        <translation>This kiosk has been enrolled again since: its certificate is no longer the right one. Enrol it with a new token (&quot;Enrol this kiosk&quot;).</translation>
    </message>
    <message>
        <source>L&apos;observatoire a retiré l&apos;accès de cette borne. Prévenez l&apos;assistance.</source>
        <translation>The observatory has withdrawn this kiosk&apos;s access. Tell support.</translation>
    </message>
    <message>
        <source>L&apos;observatoire a un problème de son côté. La borne réessaie toute seule.</source>
        <translation>The observatory has a problem on its side. The kiosk tries again by itself.</translation>
    </message>
    <message>
        <source>L&apos;observatoire a donné une réponse incompréhensible. La borne réessaie toute seule.</source>
        <translation>The observatory gave an answer that makes no sense. The kiosk tries again by itself.</translation>
    </message>
    <message numerus="yes">
        <source>%n éléments en attente, %1.</source>
        <translation>
            <numerusform>%n item waiting, %1.</numerusform>
            <numerusform>%n items waiting, %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n éléments refusés par l&apos;observatoire sont gardés sur la borne pour l&apos;assistance.</source>
        <translation>
            <numerusform>%n item refused by the observatory is kept on the kiosk for support.</numerusform>
            <numerusform>%n items refused by the observatory are kept on the kiosk for support.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VisioCallPanel</name>
    <message>
        <source>Son&#xa0;: casque</source>
        <translation>Sound: headset</translation>
    </message>
    <message>
        <source>Son&#xa0;: haut-parleur</source>
        <translation>Sound: loudspeaker</translation>
    </message>
    <message>
        <source>Connexion faible&#xa0;: son seulement</source>
        <translation>Weak connection: sound only</translation>
    </message>
    <message>
        <source>Connexion faible&#xa0;: image réduite</source>
        <translation>Weak connection: smaller picture</translation>
    </message>
    <message>
        <source>Reconnexion… Ne quittez pas.</source>
        <translation>Reconnecting… Please hold on.</translation>
    </message>
    <message>
        <source>Raccrocher</source>
        <translation>Hang up</translation>
    </message>
    <message>
        <source>Rétablir le micro</source>
        <translation>Turn the microphone back on</translation>
    </message>
    <message>
        <source>Couper le micro</source>
        <translation>Mute the microphone</translation>
    </message>
    <message>
        <source>Couper la caméra</source>
        <translation>Turn the camera off</translation>
    </message>
    <message>
        <source>Rétablir la caméra</source>
        <translation>Turn the camera back on</translation>
    </message>
    <message>
        <source>Montrer un document</source>
        <translation>Show a document</translation>
    </message>
    <message>
        <source>Le conseiller écrit&#xa0;: %1</source>
        <translation>The adviser is writing: %1</translation>
    </message>
    <message>
        <source>Message du conseiller&#xa0;: %1</source>
        <translation>Message from the adviser: %1</translation>
    </message>
    <message>
        <source>Écrivez votre message ici</source>
        <translation>Write your message here</translation>
    </message>
    <message>
        <source>Envoyer</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>Écrire</source>
        <translation>Write</translation>
    </message>
    <message>
        <source>Oui, le garder</source>
        <translation>Yes, keep it</translation>
    </message>
    <message>
        <source>Non merci</source>
        <translation>No, thank you</translation>
    </message>
    <message>
        <source>Le conseiller vous envoie un document&#xa0;: «&#xa0;%1&#xa0;» (%2&#xa0;Ko). Voulez-vous le garder pour l&apos;imprimer à l&apos;accueil&#xa0;?</source>
        <translation>The adviser is sending you a document: “%1” (%2 KB). Do you want to keep it to print at the desk?</translation>
    </message>
    <message>
        <source>Documents gardés pour l&apos;impression&#xa0;: %1.</source>
        <translation>Documents kept for printing: %1.</translation>
    </message>
    <message>
        <source>Scanner un papier</source>
        <translation>Scan a paper</translation>
    </message>
</context>
<context>
    <name>VisioLobby</name>
    <message>
        <source>Vous êtes dans un lieu partagé. Un casque est branché&#xa0;: vous entendrez le conseiller dans le casque.</source>
        <translation>You are in a shared room. A headset is plugged in: you will hear the adviser in the headset.</translation>
    </message>
    <message>
        <source>Retour</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Appeler un conseiller</source>
        <translation>Call an adviser</translation>
    </message>
    <message>
        <source>Quitter la file</source>
        <translation>Leave the queue</translation>
    </message>
    <message>
        <source>Être rappelé plus tard</source>
        <translation>Be called back later</translation>
    </message>
    <message>
        <source>Demander de l&apos;aide au médiateur</source>
        <translation>Ask the mediator for help</translation>
    </message>
    <message>
        <source>Retour à l&apos;accueil</source>
        <translation>Back to the start</translation>
    </message>
    <message>
        <source>Vous êtes dans un lieu partagé&#xa0;: utilisez le casque si vous le souhaitez.</source>
        <translation>You are in a shared room: use the headset if you wish.</translation>
    </message>
    <message>
        <source>Parlez&#xa0;: la barre doit bouger.</source>
        <translation>Speak: the bar should move.</translation>
    </message>
    <message numerus="yes">
        <source>Attente estimée&#xa0;: environ %n minutes.</source>
        <translation>
            <numerusform>Estimated wait: about %n minute.</numerusform>
            <numerusform>Estimated wait: about %n minutes.</numerusform>
        </translation>
    </message>
    <message>
        <source>La caméra s&apos;allume…</source>
        <translation>The camera is switching on…</translation>
    </message>
    <message>
        <source>Message du conseiller&#xa0;: %1</source>
        <translation>Message from the adviser: %1</translation>
    </message>
</context>
<context>
    <name>VisioReason</name>
    <message>
        <source>C&apos;est à quel sujet&#xa0;?</source>
        <translation>What is it about?</translation>
    </message>
    <message>
        <source>Autre question</source>
        <translation>Another question</translation>
    </message>
    <message>
        <source>Passer</source>
        <translation>Skip</translation>
    </message>
</context>
<context>
    <name>VisioScreen</name>
    <message>
        <source>Connexion en cours…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>Vous êtes la prochaine personne. Un conseiller va vous répondre.</source>
        <translation>You are next. An adviser will answer you.</translation>
    </message>
    <message>
        <source>Les conseillers ne répondent pas en ce moment.</source>
        <translation>The advisers are not answering at the moment.</translation>
    </message>
    <message>
        <source>Vous parlez avec %1.</source>
        <translation>You are talking with %1.</translation>
    </message>
    <message>
        <source>Le conseiller arrive…</source>
        <translation>The adviser is coming…</translation>
    </message>
    <message>
        <source>Reconnexion… Ne quittez pas.</source>
        <translation>Reconnecting… Please hold on.</translation>
    </message>
    <message>
        <source>L&apos;appel est terminé. Merci.</source>
        <translation>The call has ended. Thank you.</translation>
    </message>
    <message>
        <source>La visio ne marche pas pour le moment. Le médiateur de l&apos;accueil peut vous aider.</source>
        <translation>Video calls are not working at the moment. The mediator at reception can help you.</translation>
    </message>
    <message>
        <source>Bonne connexion</source>
        <translation>Good connection</translation>
    </message>
    <message>
        <source>Connexion moyenne</source>
        <translation>Fair connection</translation>
    </message>
    <message>
        <source>Mauvaise connexion</source>
        <translation>Poor connection</translation>
    </message>
    <message>
        <source>Parler à un conseiller en visio</source>
        <translation>Talk to an adviser by video</translation>
    </message>
    <message>
        <source>Vérifiez votre image et votre son. Quand vous êtes prêt, touchez «&#xa0;Appeler un conseiller&#xa0;».</source>
        <translation>Check your picture and your sound. When you are ready, touch “Call an adviser”.</translation>
    </message>
    <message>
        <source>Les conseillers ne répondent pas en ce moment. Prochaine ouverture&#xa0;: %1.</source>
        <translation>The advisers are not answering at the moment. Next opening: %1.</translation>
    </message>
    <message>
        <source>C&apos;est noté&#xa0;: un conseiller rappellera cet espace pour vous donner un rendez-vous.</source>
        <translation>Noted: an adviser will call this service point back to give you an appointment.</translation>
    </message>
    <message>
        <source>Envoi de la photo au conseiller… %1&#xa0;%</source>
        <translation>Sending the photo to the adviser… %1 %</translation>
    </message>
    <message>
        <source>Le conseiller a reçu la photo.</source>
        <translation>The adviser has received the photo.</translation>
    </message>
    <message>
        <source>La photo n&apos;est pas partie. Réessayez.</source>
        <translation>The photo was not sent. Please try again.</translation>
    </message>
    <message>
        <source>Pour montrer un papier, tenez-le devant la caméra et touchez «&#xa0;Montrer un document&#xa0;».</source>
        <translation>To show a paper, hold it in front of the camera and touch “Show a document”.</translation>
    </message>
    <message>
        <source>Désolé, plus aucun conseiller ne répond pour le moment. Prochaine ouverture&#xa0;: %1.</source>
        <translation>Sorry, no adviser is answering any more for now. Next opening: %1.</translation>
    </message>
    <message>
        <source>Désolé, plus aucun conseiller ne répond pour le moment.</source>
        <translation>Sorry, no adviser is answering any more for now.</translation>
    </message>
    <message>
        <source>Envoi du papier au conseiller… %1 %</source>
        <translation>Sending the paper to the adviser… %1 %</translation>
    </message>
    <message>
        <source>Le conseiller a reçu votre papier.</source>
        <translation>The adviser has received your paper.</translation>
    </message>
    <message>
        <source>Le papier n&apos;est pas parti. Réessayez.</source>
        <translation>The paper was not sent. Try again.</translation>
    </message>
    <message numerus="yes">
        <source>%n personnes attendent avant vous.</source>
        <translation>
            <numerusform>%n person is waiting before you.</numerusform>
            <numerusform>%n people are waiting before you.</numerusform>
        </translation>
    </message>
    <message>
        <source>On vous passe un autre conseiller. Ne quittez pas.</source>
        <translation>You are being passed to another adviser. Please hold.</translation>
    </message>
</context>
<context>
    <name>WaitIndicator</name>
    <message>
        <source>Veuillez patienter.</source>
        <translation>Please wait.</translation>
    </message>
</context>
<context>
    <name>relais::NonVisualMode</name>
    <message>
        <source>Mode sans écran activé.</source>
        <translation>Screenless mode on.</translation>
    </message>
    <message>
        <source>étoile</source>
        <translation>star</translation>
    </message>
    <message>
        <source>plus</source>
        <translation>plus</translation>
    </message>
    <message>
        <source>moins</source>
        <translation>minus</translation>
    </message>
    <message>
        <source>barre oblique</source>
        <translation>slash</translation>
    </message>
    <message>
        <source>point</source>
        <translation>dot</translation>
    </message>
    <message>
        <source>Entrée</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Touche %1&#xa0;: élément suivant.</source>
        <translation>Key %1: next item.</translation>
    </message>
    <message>
        <source>Touche %1&#xa0;: élément précédent.</source>
        <translation>Key %1: previous item.</translation>
    </message>
    <message>
        <source>Touche %1&#xa0;: choisir.</source>
        <translation>Key %1: choose.</translation>
    </message>
    <message>
        <source>Touche %1&#xa0;: retour.</source>
        <translation>Key %1: back.</translation>
    </message>
    <message>
        <source>Touches %1 et %2&#xa0;: volume.</source>
        <translation>Keys %1 and %2: volume.</translation>
    </message>
    <message>
        <source>Touche %1&#xa0;: cette aide.</source>
        <translation>Key %1: this help.</translation>
    </message>
    <message>
        <source>Sur l&apos;écran, un toucher lit ce qui est sous le doigt, deux touchers rapides le choisissent.</source>
        <translation>On the screen, one touch reads what is under your finger, two quick touches choose it.</translation>
    </message>
    <message>
        <source>Rien n&apos;est choisi. Touche %1 pour aller au premier élément.</source>
        <translation>Nothing is chosen. Key %1 goes to the first item.</translation>
    </message>
    <message>
        <source>Volume %1 sur 10.</source>
        <translation>Volume %1 out of 10.</translation>
    </message>
    <message>
        <source>Rien à choisir sur cet écran.</source>
        <translation>Nothing to choose on this screen.</translation>
    </message>
    <message>
        <source>Pas de retour sur cet écran.</source>
        <translation>No way back on this screen.</translation>
    </message>
    <message>
        <source>Bouton</source>
        <translation>Button</translation>
    </message>
    <message>
        <source>Case à cocher</source>
        <translation>Check box</translation>
    </message>
    <message>
        <source>Choix</source>
        <translation>Option</translation>
    </message>
    <message>
        <source>Zone de texte</source>
        <translation>Text field</translation>
    </message>
    <message>
        <source>Lien</source>
        <translation>Link</translation>
    </message>
    <message>
        <source>coché</source>
        <translation>checked</translation>
    </message>
    <message>
        <source>choisi</source>
        <translation>selected</translation>
    </message>
    <message>
        <source>vide</source>
        <translation>empty</translation>
    </message>
</context>
<context>
    <name>relais::VisioCall</name>
    <message>
        <source>Je suis à vous dans un instant.</source>
        <translation>I&apos;ll be with you in a moment.</translation>
    </message>
    <message>
        <source>Je suis à vous dans 5 minutes.</source>
        <translation>I&apos;ll be with you in 5 minutes.</translation>
    </message>
    <message>
        <source>Je suis à vous dans 15 minutes environ.</source>
        <translation>I&apos;ll be with you in about 15 minutes.</translation>
    </message>
    <message>
        <source>Il y a du monde aujourd&apos;hui&#xa0;: merci de votre patience.</source>
        <translation>It is busy today: thank you for your patience.</translation>
    </message>
    <message>
        <source>L&apos;attente sera longue&#xa0;: vous pouvez demander à être rappelé.</source>
        <translation>The wait will be long: you can ask to be called back.</translation>
    </message>
</context>
</TS>
