<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="fr_FR">
<context>
    <name>BeforeStartScreen</name>
    <message numerus="yes">
        <source>Cela prend environ %n minutes.</source>
        <translation>
            <numerusform>Cela prend environ %n minute.</numerusform>
            <numerusform>Cela prend environ %n minutes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CopiesStepper</name>
    <message numerus="yes">
        <source>%n exemplaires</source>
        <translation>
            <numerusform>%n exemplaire</numerusform>
            <numerusform>%n exemplaires</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeviceStatus</name>
    <message numerus="yes">
        <source>%n scanners sont prêts&#xa0;: %1.</source>
        <translation>
            <numerusform>%n scanner est prêt&#xa0;: %1.</numerusform>
            <numerusform>%n scanners sont prêts&#xa0;: %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IdleDialog</name>
    <message numerus="yes">
        <source>%n secondes</source>
        <translation>
            <numerusform>%n seconde</numerusform>
            <numerusform>%n secondes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProcedureListScreen</name>
    <message numerus="yes">
        <source>Environ %n minutes.</source>
        <translation>
            <numerusform>Environ %n minute.</numerusform>
            <numerusform>Environ %n minutes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchScreen</name>
    <message numerus="yes">
        <source>%n démarches trouvées.</source>
        <translation>
            <numerusform>%n démarche trouvée.</numerusform>
            <numerusform>%n démarches trouvées.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Environ %n minutes.</source>
        <translation>
            <numerusform>Environ %n minute.</numerusform>
            <numerusform>Environ %n minutes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SurveyResults</name>
    <message numerus="yes">
        <source>(%n réponses)</source>
        <translation>
            <numerusform>(%n réponse)</numerusform>
            <numerusform>(%n réponses)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncStatusText</name>
    <message numerus="yes">
        <source>%n éléments en attente, %1.</source>
        <translation>
            <numerusform>%n élément en attente, %1.</numerusform>
            <numerusform>%n éléments en attente, %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n éléments refusés par l&apos;observatoire sont gardés sur la borne pour l&apos;assistance.</source>
        <translation>
            <numerusform>%n élément refusé par l&apos;observatoire est gardé sur la borne pour l&apos;assistance.</numerusform>
            <numerusform>%n éléments refusés par l&apos;observatoire sont gardés sur la borne pour l&apos;assistance.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VisioLobby</name>
    <message numerus="yes">
        <source>Attente estimée&#xa0;: environ %n minutes.</source>
        <translation>
            <numerusform>Attente estimée&#xa0;: environ %n minute.</numerusform>
            <numerusform>Attente estimée&#xa0;: environ %n minutes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VisioScreen</name>
    <message numerus="yes">
        <source>%n personnes attendent avant vous.</source>
        <translation>
            <numerusform>%n personne attend avant vous.</numerusform>
            <numerusform>%n personnes attendent avant vous.</numerusform>
        </translation>
    </message>
</context>
</TS>
